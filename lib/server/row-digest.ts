import { createHash } from "node:crypto";
import { sortedKeys } from "../db/canonical-json";
import type { ModelField } from "../db/data-model";

/*
 * A digest of a table's rows that two databases can compare without reading
 * them in the same order: SQLite sorts text byte by byte, PostgreSQL by its
 * collation, so "ordered rows" would differ where the data does not. Each
 * row is written out canonically and hashed (SHA-256), and the table's
 * digest is the sum of its rows' hashes modulo 2^256: the same rows in any
 * order give the same sum, a changed, lost or extra row changes it. Rows
 * have primary keys, so no two are equal and none can cancel another out.
 */

const MODULUS = 1n << 256n;

/** A field's value as text that is the same for the same value read from either database. */
function canonical(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")}`;
  if (typeof value === "bigint") return `bigint:${value}`;
  if (type === "Decimal") return `decimal:${String(value)}`;
  // jsonb keeps an object's keys in its own order, not the order they were written in.
  if (type === "Json") return sortedKeys(value);
  return value;
}

export class TableDigest {
  #sum = 0n;

  constructor(private readonly fields: readonly ModelField[]) {}

  add(row: Record<string, unknown>): void {
    const text = JSON.stringify(this.fields.map((field) => canonical(row[field.name], field.type)));
    this.#sum = (this.#sum + BigInt(`0x${createHash("sha256").update(text).digest("hex")}`)) % MODULUS;
  }

  get hex(): string {
    return this.#sum.toString(16).padStart(64, "0");
  }
}

import type { DataModel, ModelField } from "../db/data-model";
import { Prisma as PostgresPrisma } from "./generated/prisma-postgresql/client";
import type { Db, PrismaClient } from "./prisma-client";
import { TableDigest } from "./row-digest";

/*
 * Copies every table of one database into another through Prisma's model
 * API (findMany, createMany), so ids, timestamps, bytes, floats, booleans and
 * nulls arrive as Prisma reads them and whatever types the data model gives
 * its fields later are carried the same way. The tables come from the data
 * model (lib/db/data-model.ts), parents first, and each is read a page at a
 * time in primary-key order, so a learner with 100,000 reviews is never in
 * memory at once.
 *
 * The source is read in one read transaction (one snapshot: on SQLite's WAL,
 * the app's mode, the app goes on writing meanwhile and none of it is seen
 * half). The target is written in one transaction that also empties it (when
 * asked), sets its sequences past the copied ids and verifies the copy: a
 * count and a digest of every row of every table on both sides
 * (lib/server/row-digest.ts). Any failure, a verification that differs
 * included, rolls the whole transaction back: the target is left as it was.
 */

/** Rows per page and per INSERT: few enough bind values for any driver (PostgreSQL allows 65,535), few enough rows in memory. */
const ROWS_PER_PAGE = 1_000;
const BIND_VALUES_PER_PAGE = 30_000;
/** Rows per page for a table with a Bytes field: uploaded captures run to megabytes each. */
const ROWS_PER_PAGE_WITH_BYTES = 16;
/** A progress line every this many rows of one table. */
const PROGRESS_EVERY = 10_000;
/**
 * How long each of the two transactions may stay open: a hang guard, not a
 * goal. Prisma ends an interactive transaction after its timeout (5 s by
 * default), and a copy of a large database takes minutes.
 */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 24 * 3_600_000 };

type Row = Record<string, unknown>;

interface Delegate {
  findMany(args: { where?: object; orderBy: object[]; take: number }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  deleteMany(): Promise<{ count: number }>;
  count(): Promise<number>;
}

export interface TableCopy {
  model: string;
  source: number;
  target: number;
  sourceDigest: string;
  targetDigest: string;
}

export function tableMatches(table: TableCopy): boolean {
  return table.source === table.target && table.sourceDigest === table.targetDigest;
}

/** The target holds rows and the copy was not told to replace them. */
export class TargetNotEmptyError extends Error {
  override name = "TargetNotEmptyError";
  constructor(readonly tables: { model: string; rows: number }[]) {
    super(`the target already holds rows: ${tables.map((table) => `${table.model} ${table.rows}`).join(", ")}`);
  }
}

/** The copy, read back inside its transaction, differs from the source: nothing was committed. */
export class CopyMismatchError extends Error {
  override name = "CopyMismatchError";
  constructor(readonly tables: TableCopy[]) {
    super(`the copy differs from the source in ${tables.filter((table) => !tableMatches(table)).map((table) => table.model).join(", ")}`);
  }
}

export interface CopyOptions {
  /** The tables to copy, parents first (dataModels()). */
  models: readonly DataModel[];
  /** Empty the target's tables first (in the same transaction) instead of refusing a target that has rows. */
  replace: boolean;
  /** Told what is going on, a line at a time, for a person watching a long copy. */
  progress?: (line: string) => void;
}

/**
 * Copies every table of `source` into `target` (a PostgreSQL database that
 * has the same tables: migrated) and returns each table's counts and digests
 * on both sides, all equal; throws TargetNotEmptyError, CopyMismatchError or
 * the error that stopped the copy, with nothing committed.
 */
export async function copyDatabase(source: PrismaClient, target: PrismaClient, options: CopyOptions): Promise<TableCopy[]> {
  const { models, progress = () => {} } = options;
  return source.$transaction(
    (read) =>
      target.$transaction(async (write) => {
        // Nothing else writes these tables until the copy commits (a server started on the target early waits).
        await write.$executeRawUnsafe(`LOCK TABLE ${models.map((model) => quoted(model.table)).join(", ")} IN EXCLUSIVE MODE`);
        await emptyTarget(write, models, options.replace, progress);
        const copied: Omit<TableCopy, "target" | "targetDigest">[] = [];
        for (const model of models) copied.push(await copyTable(read, write, model, progress));
        await setSequences(write, models);
        progress("verifying: counting and hashing every row of the copy");
        const tables: TableCopy[] = [];
        for (const [i, model] of models.entries()) {
          const digest = new TableDigest(model.fields);
          for await (const page of pages(write, model)) for (const row of page) digest.add(row);
          tables.push({ ...copied[i]!, target: await delegate(write, model).count(), targetDigest: digest.hex });
        }
        if (!tables.every(tableMatches)) throw new CopyMismatchError(tables);
        return tables;
      }, TRANSACTION_OPTIONS),
    TRANSACTION_OPTIONS,
  );
}

async function emptyTarget(write: Db, models: readonly DataModel[], replace: boolean, progress: (line: string) => void): Promise<void> {
  const occupied: { model: string; rows: number }[] = [];
  for (const model of models) {
    const rows = await delegate(write, model).count();
    if (rows > 0) occupied.push({ model: model.name, rows });
  }
  if (occupied.length === 0) return;
  if (!replace) throw new TargetNotEmptyError(occupied);
  // Children before parents, so that no delete waits on (or cascades into) a table still to be emptied.
  for (const model of [...models].reverse()) await delegate(write, model).deleteMany();
  progress(`emptied ${occupied.map((table) => `${table.model} (${table.rows})`).join(", ")}`);
}

async function copyTable(read: Db, write: Db, model: DataModel, progress: (line: string) => void) {
  const total = await delegate(read, model).count();
  const digest = new TableDigest(model.fields);
  let copied = 0;
  try {
    for await (const page of pages(read, model)) {
      for (const row of page) digest.add(row);
      await delegate(write, model).createMany({ data: page.map((row) => targetRow(row, model.fields)) });
      const before = copied;
      copied += page.length;
      if (Math.floor(copied / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY) && copied < total) progress(`${model.name}: ${copied} of ${total} rows`);
    }
  } catch (error) {
    throw new Error(`copying ${model.name}: ${lastLine(error)}`, { cause: error });
  }
  if (copied > 0) progress(`${model.name}: ${copied} ${copied === 1 ? "row" : "rows"} copied`);
  return { model: model.name, source: total, sourceDigest: digest.hex };
}

/** The model's rows in primary-key order, a page at a time: each page starts after the last key of the one before. */
async function* pages(client: Db, model: DataModel): AsyncGenerator<Row[]> {
  const take = model.fields.some((field) => field.type === "Bytes") ? ROWS_PER_PAGE_WITH_BYTES : Math.min(ROWS_PER_PAGE, Math.floor(BIND_VALUES_PER_PAGE / model.fields.length));
  const orderBy = model.key.map((field) => ({ [field]: "asc" }));
  let last: Row | null = null;
  for (;;) {
    const page = await delegate(client, model).findMany({ ...(last ? { where: after(model.key, last) } : {}), orderBy, take });
    if (page.length === 0) return;
    yield page;
    if (page.length < take) return;
    last = page.at(-1)!;
  }
}

/** Rows whose key (k1, k2, …) comes after `row`'s: k1 > v1, or k1 = v1 and k2 > v2, and so on. */
function after(key: readonly string[], row: Row): object {
  const alternatives = key.map((field, i) => ({ ...Object.fromEntries(key.slice(0, i).map((equal) => [equal, row[equal]])), [field]: { gt: row[field] } }));
  return alternatives.length === 1 ? alternatives[0]! : { OR: alternatives };
}

/**
 * A row as createMany takes it on PostgreSQL, every value as read but two:
 * - Prisma writes a Float parameter rounded to 16 significant digits
 *   (prisma/orm#11096), so 0.30000000000000004 would arrive as 0.3: a
 *   progress import stores floats exactly (as JSON), and the copy must keep
 *   them. A Float given as a Decimal of its shortest exact text is written
 *   as that text, which PostgreSQL reads back to the same double.
 * - A null Json field must be written as Prisma's DbNull (or JsonNull where
 *   the field is required: then the stored value was JSON's null).
 */
export function targetRow(row: Row, fields: readonly ModelField[]): Row {
  const data: Row = {};
  for (const field of fields) {
    const value = row[field.name];
    if (field.type === "Float" && typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)) data[field.name] = new PostgresPrisma.Decimal(String(value));
    else if (field.type === "Json" && value === null) data[field.name] = field.optional ? PostgresPrisma.DbNull : PostgresPrisma.JsonNull;
    else data[field.name] = value;
  }
  return data;
}

/**
 * Copied rows keep their ids, so a sequence behind an autoincrement id still
 * stands where it was: the next insert would take id 1 and collide. Each is
 * set past the largest id now in its table (setval is not undone by a
 * rollback: a failed copy leaves at most a gap in the ids).
 */
async function setSequences(write: Db, models: readonly DataModel[]): Promise<void> {
  for (const model of models) {
    for (const field of model.fields.filter((candidate) => candidate.autoincrement)) {
      const table = quoted(model.table);
      const column = quoted(field.column);
      await write.$queryRawUnsafe(`SELECT setval(pg_get_serial_sequence('${table.replaceAll("'", "''")}', '${field.column.replaceAll("'", "''")}'), COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`);
    }
  }
}

function delegate(client: Db, model: DataModel): Delegate {
  const name = model.name[0]!.toLowerCase() + model.name.slice(1);
  const found = (client as unknown as Record<string, Delegate | undefined>)[name];
  if (!found) throw new Error(`the Prisma client has no model ${model.name}: run npx prisma generate`);
  return found;
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Prisma's messages start with where the call was made; the database's own words are at the end. */
function lastLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? "failed";
}

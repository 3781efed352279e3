import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { jsonError } from "./api-response";
import { db } from "./db";
import type { Db } from "./prisma-client";
import { holdTransactionLock } from "./sql-dialect";

/*
 * Writes a client may retry (a grade, an answer, a new session) take an
 * Idempotency-Key header, as the IETF httpapi draft "The Idempotency-Key
 * HTTP Header Field" describes: the browser sends a fresh random key per
 * action and the same key when it sends that action again after a network
 * error. The first request with a key writes, and its answer is stored with
 * the key in the same transaction as the write; a later request with the
 * same key from the same learner gets that answer back and stores nothing.
 * The same key with a different request is a 422. Without the header a write
 * behaves as it always did.
 *
 * Race-free: the transaction holds this learner's lock from its first
 * statement (holdTransactionLock; on SQLite, the write lock of a transaction
 * that begins IMMEDIATE: lib/server/sqlite-connection.ts), so no other
 * request, in this process or another on the same database, can store the
 * same key between the look-up and the insert; the primary key (learnerId,
 * key) would refuse it anyway. Two identical requests sent at once: one
 * writes, the other waits its turn and is answered from the key.
 */

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
/** Set on an answer given again from a stored key (as Stripe names it), so a client and a test can tell. */
export const REPLAYED_HEADER = "idempotent-replayed";
/** How long a key is kept: a retry comes within seconds; a day covers a laptop closed mid-request. */
export const KEY_RETENTION_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;
const MAX_KEY_LENGTH = 255;

export type IdempotencyKey = { key: string | null };

/**
 * The request's Idempotency-Key, or null when it has none, or the 400 to send.
 * The draft makes it a structured-field string ("…", quoted); a bare token is
 * taken too, as most servers do. Visible ASCII only, at most 255 characters.
 */
export function readIdempotencyKey(request: Request): IdempotencyKey | { response: NextResponse } {
  const raw = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === null) return { key: null };
  const trimmed = raw.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key) || key.includes('"')) {
    return { response: jsonError(400, "the Idempotency-Key header is not valid", { "Idempotency-Key": `must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters, e.g. a UUID` }) };
  }
  return { key };
}

/** What makes two requests the same: method, path and the validated body (zod's output, keys in schema order). */
function fingerprint(request: Request, body: unknown): string {
  return createHash("sha256")
    .update(`${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

let lastPrune = 0;

type StoredKey = { fingerprint: string; status: number; body: string; createdAt: Date };

/**
 * Runs `write` once per key: with no key it runs on the app's client as
 * before; with a key it runs inside one transaction with the key's record,
 * and a 2xx answer is stored with the key. A write must make no change when
 * it answers anything but 2xx (as every handler here refuses before it
 * writes), for then no key is kept and a retry runs it again.
 */
export async function idempotent(
  { key }: IdempotencyKey,
  learnerId: string,
  request: Request,
  body: unknown,
  write: (db: Db) => Promise<Response>,
): Promise<Response> {
  if (key === null) return write(db);
  const print = fingerprint(request, body);
  const now = new Date();
  // Raw statements, as for the grade itself: Prisma's findUnique and create of the key cost a third of a grade.
  const outcome = await db.$transaction(async (tx) => {
    await holdTransactionLock(tx, `learner:${learnerId}`);
    await pruneOldKeys(tx, now);
    const stored = await findKey(tx, learnerId, key);
    if (stored && isKept(stored, now)) return { stored, response: null };
    if (stored) await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "learnerId" = ${learnerId} AND "key" = ${key}`;
    const response = await write(tx);
    if (response.ok) {
      const text = await response.clone().text();
      await tx.$executeRaw`
        INSERT INTO "IdempotencyKey" ("learnerId", "key", "fingerprint", "status", "body", "createdAt")
        VALUES (${learnerId}, ${key}, ${print}, ${response.status}, ${text}, ${now})`;
    }
    return { stored: null, response };
  });
  const { stored, response } = outcome;
  return stored ? replyFrom(stored, print) : response;
}

/**
 * The answer already stored for this key, or null: for a route that checks
 * rules before `idempotent` (a quiz's dates, its attempts, whether it is still
 * published), to call first. A retry must get the answer the first request
 * got, even when the rules would now refuse it: the attempt the first request
 * started is what used the last try. A read without the learner's lock: when
 * it finds nothing, `idempotent` looks again under the lock.
 */
export async function storedReply({ key }: IdempotencyKey, learnerId: string | null, request: Request, body: unknown): Promise<Response | null> {
  if (key === null || learnerId === null) return null;
  const stored = await findKey(db, learnerId, key);
  return stored && isKept(stored, new Date()) ? replyFrom(stored, fingerprint(request, body)) : null;
}

async function findKey(db: Db, learnerId: string, key: string): Promise<StoredKey | undefined> {
  const [stored] = await db.$queryRaw<StoredKey[]>`
    SELECT "fingerprint", "status", "body", "createdAt" FROM "IdempotencyKey" WHERE "learnerId" = ${learnerId} AND "key" = ${key}`;
  return stored;
}

/** Whether a stored key is still within its retention window (one past it is ignored, as if never stored). */
function isKept(stored: StoredKey, now: Date): boolean {
  return new Date(stored.createdAt).getTime() > now.getTime() - KEY_RETENTION_MS;
}

/** A stored key's answer, given again; or the 422 when the key came with a different request. */
function replyFrom(stored: StoredKey, print: string): Response {
  if (stored.fingerprint !== print) {
    return jsonError(422, "this Idempotency-Key was already used for a different request", { "Idempotency-Key": "send a new key for a new request" });
  }
  return new NextResponse(stored.body, { status: Number(stored.status), headers: { "content-type": "application/json", [REPLAYED_HEADER]: "true" } });
}

/**
 * At most once a minute per process, inside a write's transaction: keys past the retention window, found through
 * their index. Housekeeping only (a key past the window is ignored when read anyway), so each app server keeping its
 * own minute is harmless: several servers prune a little more often.
 */
async function pruneOldKeys(tx: Db, now: Date): Promise<void> {
  if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = now.getTime();
  await tx.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEY_RETENTION_MS) } } });
}

import Database from "better-sqlite3";

/*
 * Learners talking to a real server over HTTP, as the browser does: a
 * cookie, JSON bodies, an Idempotency-Key when the test sends one; and the
 * database file read directly afterwards, as another process would.
 */

export interface Reply {
  status: number;
  text: string;
  json: unknown;
  /** The server answered from a stored Idempotency-Key (Idempotent-Replayed: true). */
  replayed: boolean;
}

/** A new learner on `url` (a profile save creates one) and its cookie. */
export async function newLearnerCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/profile`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ newCardsPerDay: 200 }) });
  const cookie = /synack_learner=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
  if (response.status !== 200 || !cookie) throw new Error(`no learner from ${url}: ${response.status} ${await response.text()}`);
  return cookie;
}

export async function send(url: string, method: "GET" | "POST", path: string, cookie: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, replayed: response.headers.get("idempotent-replayed") === "true" };
}

/** Runs `tasks` with at most `limit` at a time, in order of the list; resolves when all have settled. */
export async function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await tasks[index]!() };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Reads the database file as another process would (WAL: what is committed), then closes it. */
export function readDatabase<T>(path: string, read: (raw: Database.Database) => T): T {
  const raw = new Database(path, { readonly: true });
  try {
    return read(raw);
  } finally {
    raw.close();
  }
}

/** SQLite's full integrity check: "ok", or the problems it found. */
export function integrity(path: string): string {
  return readDatabase(path, (raw) => (raw.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((row) => row.integrity_check).join("\n"));
}

/** Rows per learner in a table, by the learner's cookie token hash. */
export function countBy(raw: Database.Database, table: "ReviewLog" | "Answer" | "StudySession" | "IdempotencyKey", learnerId: string): number {
  return (raw.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE learnerId = ?`).get(learnerId) as { n: number }).n;
}

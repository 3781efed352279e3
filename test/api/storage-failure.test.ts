import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { databaseDigest, learnerWithCookie, useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/*
 * Issue 10: a full disk answered every write with "internal error" (500).
 * Now a database that cannot store answers 503 naming what happened, in the
 * learner's language, with a code for clients, and reads go on. Here the
 * database is made full with SQLite's own limit on its size
 * (max_page_count), which fails a write exactly as a full disk does
 * (SQLITE_FULL); test/browser/storage-faults.test.ts fills a real disk.
 */

let db: PrismaClient;
let databasePath: string;
let cookie: string;
let learnerId: string;
let cardIds: string[];
let api: { grade: typeof import("@/app/api/review/grade/route"); review: typeof import("@/app/api/review/route") };

beforeAll(async () => {
  ({ db, path: databasePath } = await useAppDatabase());
  ({ cookie, id: learnerId } = await learnerWithCookie(db, "full-disk"));
  cardIds = (await db.card.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((card) => card.id);
  api = { grade: await import("@/app/api/review/grade/route"), review: await import("@/app/api/review/route") };
});
afterAll(async () => {
  await db.$disconnect();
});

const grade = (i: number, headers: Record<string, string> = {}) =>
  callRoute(
    api.grade.POST,
    new Request(`${ORIGIN}/api/review/grade`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: JSON.stringify({ cardId: cardIds[i % cardIds.length], grade: "good" }),
    }),
  );

async function pragma(statement: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${statement}`);
  return Number(Object.values(row!)[0]);
}

describe("a full database", () => {
  it("answers a write 503 'the database is full' in the learner's language, stores nothing, keeps reads working, and takes writes again once there is room", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await grade(0)).status).toBe(200);
    const stored = await db.reviewLog.count({ where: { learnerId } });
    await pragma(`max_page_count = ${await pragma("page_count")}`);

    let reply = await grade(1);
    for (let i = 2; reply.status === 200 && i < 500; i++) reply = await grade(i);
    expect(reply.status).toBe(503);
    expect(reply.json).toEqual({ error: expect.stringContaining("The database is full"), code: "database-full" });
    expect((reply.json as { error: string }).error).toContain("Everything saved before is kept");
    expect(reply.headers.get("retry-after")).toBe("60");
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("review grade: the database is full"), expect.anything());

    const before = await databaseDigest(`file:${databasePath}`);
    const zh = await grade(7, { "accept-language": "zh-CN,zh;q=0.9", "idempotency-key": "while-full" });
    expect(zh.status).toBe(503);
    expect(zh.json).toMatchObject({ error: expect.stringContaining("数据库已满"), code: "database-full" });
    expect(await databaseDigest(`file:${databasePath}`)).toBe(before);

    const read = await callRoute(api.review.GET, new Request(`${ORIGIN}/api/review`, { headers: { cookie } }));
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ card: expect.any(Object) });

    await pragma("max_page_count = 1073741823");
    const retried = await grade(7, { "idempotency-key": "while-full" });
    expect(retried.status).toBe(200);
    expect(await db.reviewLog.count({ where: { learnerId } })).toBeGreaterThan(stored);
    expect(await db.idempotencyKey.count({ where: { learnerId } })).toBe(1);
    expect(await db.$queryRawUnsafe("PRAGMA quick_check")).toEqual([{ quick_check: "ok" }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { jsonText, parseJsonText, sqlDialect } from "@/lib/server/sql-dialect";
import { onPostgres } from "../db/test-postgres";
import { createTestDatabase } from "./test-database";

/*
 * The fragments where SQLite's SQL and PostgreSQL's differ give the same
 * answers on both: this file runs in the "unit" project on SQLite and in
 * the "postgresql" project on PostgreSQL, with the same expectations.
 */
describe("sqlDialect", () => {
  let db: PrismaClient;

  beforeAll(() => {
    ({ db } = createTestDatabase());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("knows the provider of a client and of an interactive transaction on it", async () => {
    const provider = onPostgres() ? "postgresql" : "sqlite";
    expect(sqlDialect(db).provider).toBe(provider);
    expect(await db.$transaction(async (tx) => sqlDialect(tx).provider)).toBe(provider);
  });

  it("refuses an object that is not a Prisma client of either provider", () => {
    expect(() => sqlDialect({} as PrismaClient)).toThrow(/provider is undefined/);
  });

  /** Learners whose createdAt are the given instants: a DateTime column as Prisma stores it. */
  async function learnersAt(...instants: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const at of instants) ids.push((await db.learner.create({ data: { tokenHash: `at-${at}-${Math.random()}`, createdAt: new Date(at) } })).id);
    return ids;
  }

  it.each([
    ["2026-11-21T09:37:12.345Z", "2026-11-21T09:30:00.000Z"],
    ["2026-11-21T09:00:00.000Z", "2026-11-21T09:00:00.000Z"],
    ["2026-11-21T09:14:59.999Z", "2026-11-21T09:00:00.000Z"],
    ["2026-12-31T23:59:59.999Z", "2026-12-31T23:45:00.000Z"],
  ])("quarterHour: a DateTime at %s is in the slot that starts %s", async (at, slot) => {
    const [id] = await learnersAt(at);
    const [row] = await db.$queryRaw<{ slot: string }[]>`
      SELECT ${sqlDialect(db).quarterHour(Prisma.sql`l."createdAt"`)} AS "slot" FROM "Learner" l WHERE l."id" = ${id}`;
    expect(row?.slot).toBe(slot);
  });

  it.each([
    ["2026-11-21T09:00:00.000Z", "2026-11-22T10:01:02.501Z", 90_062.501],
    ["2031-05-01T00:00:00.123Z", "2031-05-01T00:01:00.124Z", 60.001],
    ["2026-11-21T09:00:00.000Z", "2026-11-21T09:00:00.000Z", 0],
  ])("secondsBetween %s and %s: %s, to the millisecond, so that equal spans sort as equal", async (from, to, seconds) => {
    const [early, late] = await learnersAt(from, to);
    const [row] = await db.$queryRaw<{ seconds: number }[]>`
      SELECT ${sqlDialect(db).secondsBetween(Prisma.sql`b."createdAt"`, Prisma.sql`a."createdAt"`)} AS "seconds"
      FROM "Learner" a, "Learner" b WHERE a."id" = ${early} AND b."id" = ${late}`;
    expect(Number(row?.seconds)).toBe(seconds);
  });

  it("jsonRecords reads the members of each object in ONE bound JSON array, null when missing", async () => {
    const json = JSON.stringify([
      { name: "a", count: 2, ratio: 0.5, yes: true, at: "2026-11-21T09:37:12.000+00:00" },
      { name: "b", count: -1, ratio: 2, yes: false },
    ]);
    const columns = { name: "text", count: "integer", ratio: "double", yes: "boolean", at: "timestamp" } as const;
    const rows = await db.$queryRaw<{ name: string; count: number; ratio: number; yes: boolean; dated: boolean }[]>`
      SELECT r."name", r."count" + 1 AS "count", r."ratio" * 2 AS "ratio", CASE WHEN r."yes" THEN 1 ELSE 0 END AS "yes", r."at" IS NOT NULL AS "dated"
      FROM ${sqlDialect(db).jsonRecords(json, columns, "r")} ORDER BY r."name"`;
    // Numbers as Number(): SQLite's driver types a computed column by its first row, and hands a later one of another kind back as text.
    expect(rows.map((row) => ({ ...row, count: Number(row.count), ratio: Number(row.ratio), yes: Number(row.yes), dated: Boolean(row.dated) }))).toEqual([
      { name: "a", count: 3, ratio: 1, yes: 1, dated: true },
      { name: "b", count: 0, ratio: 4, yes: 0, dated: false },
    ]);
  });

  it("a jsonRecords timestamp compares with a DateTime column in time", async () => {
    const [id] = await learnersAt("2026-11-21T09:37:12.000Z");
    const json = JSON.stringify([
      { at: "2026-11-21T09:37:11.999+00:00", label: "before" },
      { at: "2026-11-21T09:37:12.000+00:00", label: "same" },
      { at: "2026-11-21T09:37:12.001+00:00", label: "after" },
    ]);
    const rows = await db.$queryRaw<{ label: string }[]>`
      SELECT r."label" FROM ${sqlDialect(db).jsonRecords(json, { at: "timestamp", label: "text" }, "r")}, "Learner" l
      WHERE l."id" = ${id} AND r."at" > l."createdAt"`;
    expect(rows.map((row) => row.label)).toEqual(["after"]);
  });

  it("jsonArrayStrings and jsonArrayLength read a Json column's array, and ->> a member of its object", async () => {
    const [id] = await learnersAt("2026-11-21T09:00:00.000Z");
    await db.studySession.create({ data: { id: "s-json", learnerId: id!, mode: "quiz", config: { quizId: "q1" }, questions: ["x", "y", "x"] } });
    const sql = sqlDialect(db);
    const column = Prisma.sql`s."questions"`;
    const items = await db.$queryRaw<{ value: string }[]>`
      SELECT k."value" FROM "StudySession" s, ${sql.jsonArrayStrings(column, "k")} WHERE s."id" = 's-json' AND ${sql.jsonValid(column)} ORDER BY k."value"`;
    expect(items.map((item) => item.value)).toEqual(["x", "x", "y"]);
    const [length] = await db.$queryRaw<{ n: number | bigint; quiz: string }[]>`
      SELECT ${sql.jsonArrayLength(column)} AS "n", s."config" ->> 'quizId' AS "quiz" FROM "StudySession" s WHERE s."id" = 's-json'`;
    expect({ n: Number(length?.n), quiz: length?.quiz }).toEqual({ n: 3, quiz: "q1" });
  });

  it("jsonArrayStrings and jsonArrayLength read anything but an array as empty, where PostgreSQL's own functions would stop the statement", async () => {
    const [id] = await learnersAt("2026-11-21T09:00:00.000Z");
    await db.studySession.create({ data: { id: "s-object", learnerId: id!, mode: "quiz", config: {}, questions: { x: "y" } } });
    const sql = sqlDialect(db);
    const column = Prisma.sql`s."questions"`;
    const items = await db.$queryRaw<{ value: string }[]>`SELECT k."value" FROM "StudySession" s, ${sql.jsonArrayStrings(column, "k")} WHERE s."id" = 's-object'`;
    expect(items).toEqual([]);
    const [length] = await db.$queryRaw<{ n: number | bigint }[]>`SELECT ${sql.jsonArrayLength(column)} AS "n" FROM "StudySession" s WHERE s."id" = 's-object'`;
    expect(Number(length?.n)).toBe(0);
  });

  it("jsonFromText stores JSON text as JSON, and jsonText reads any Json column back as text, the same on both", async () => {
    const [id] = await learnersAt("2026-11-21T09:00:00.000Z");
    const sql = sqlDialect(db);
    const config = '{"quizId": "q2", "length": 3}';
    await db.$executeRaw`
      INSERT INTO "StudySession" ("id", "learnerId", "mode", "config", "questions")
      VALUES ('s-text', ${id}, 'quiz', ${sql.jsonFromText(Prisma.sql`${config}`)}, ${sql.jsonFromText(Prisma.sql`${"[1,2]"}`)})`;
    expect(await db.studySession.findUniqueOrThrow({ where: { id: "s-text" }, select: { config: true, questions: true } })).toEqual({ config: { quizId: "q2", length: 3 }, questions: [1, 2] });
    const [row] = await db.$queryRaw<{ config: unknown; questions: unknown; first: unknown }[]>`
      SELECT ${jsonText(Prisma.sql`s."config"`)} AS "config", ${jsonText(Prisma.sql`s."questions"`)} AS "questions",
        (SELECT ${jsonText(Prisma.sql`t."config"`)} FROM "StudySession" t WHERE t."id" = s."id") AS "first"
      FROM "StudySession" s WHERE s."id" = 's-text'`;
    expect(typeof row?.config).toBe("string");
    expect(typeof row?.first).toBe("string");
    expect(parseJsonText(row?.config)).toEqual({ quizId: "q2", length: 3 });
    expect(parseJsonText(row?.questions)).toEqual([1, 2]);
    expect(parseJsonText(row?.first)).toEqual({ quizId: "q2", length: 3 });
    expect(parseJsonText("not json")).toBeUndefined();
    expect(parseJsonText(null)).toBeUndefined();
  });

  it("asciiLower lowers A to Z and leaves every other letter as it is", async () => {
    const [row] = await db.$queryRaw<{ lowered: string }[]>`SELECT ${sqlDialect(db).asciiLower(Prisma.sql`${"ÄbC Émile Z"}`)} AS "lowered"`;
    expect(row?.lowered).toBe("Äbc Émile z");
  });
});

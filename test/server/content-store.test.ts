import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent, type ContentFile } from "@/lib/content";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { onPostgres } from "../db/test-postgres";
import { createTestDatabase, readRaw } from "./test-database";

const note = (id: string, body: string): ContentFile => ({
  path: `notes/${id}.md`,
  text: `---\nid: ${id}\ntitle: {zh: 标题 ${id}, en: Title ${id}}\n---\n:::zh\n${body}\n:::\n:::en\n${body}\n:::\n`,
});
const deck: ContentFile = {
  path: "cards/d.yaml",
  text: "deck:\n  id: d\n  title: {zh: 卡组, en: Deck}\ncards:\n  - id: c1\n    kind: fact\n    front: {zh: 问, en: Q}\n    back: {zh: 答, en: A}\n    tags: [handshake]\n",
};

describe("storeContent, on a real database", () => {
  let db: PrismaClient;
  let url: string;

  beforeAll(() => {
    ({ db, url } = createTestDatabase());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("loads checked notes and cards, and skips a load whose files did not change", async () => {
    const files = [note("a", "甲"), deck];
    const first = await storeContent(db, checkContent(files), contentChecksum(files));
    expect(first).toEqual({ outcome: "loaded", notes: 1, cards: 1, quizzes: 0 });
    const second = await storeContent(db, checkContent(files), contentChecksum(files));
    expect(second.outcome).toBe("unchanged");
    // Read back from the database itself, not through Prisma.
    expect(readRaw(url, 'SELECT "id", "titleEn", "active" FROM "Note"')).toEqual([{ id: "a", titleEn: "Title a", active: onPostgres() ? true : 1 }]);
    expect(readRaw(url, 'SELECT COUNT(*) AS n FROM "ContentLoad"')).toEqual([{ n: 1 }]);
  });

  it("marks a removed note inactive instead of deleting it, and revives it when it returns", async () => {
    const without = [note("b", "乙"), deck];
    await storeContent(db, checkContent(without), contentChecksum(without));
    expect(await db.note.findUnique({ where: { id: "a" } })).toMatchObject({ active: false });
    expect(await db.note.findUnique({ where: { id: "b" } })).toMatchObject({ active: true });

    const back = [note("a", "甲 again"), note("b", "乙"), deck];
    await storeContent(db, checkContent(back), contentChecksum(back));
    expect(await db.note.findUnique({ where: { id: "a" } })).toMatchObject({ active: true, bodyZh: "甲 again" });
  });

  it("does not load an item whose check failed", async () => {
    const broken = [note("c", "```claim\nin: LISTEN\non: rcv SYN\nthen: CLOSED\n```"), deck];
    const report = checkContent(broken);
    expect(report.problems).toHaveLength(2); // the claim sits in both languages
    await storeContent(db, report, contentChecksum(broken));
    expect(await db.note.findUnique({ where: { id: "c" } })).toBeNull();
  });
});

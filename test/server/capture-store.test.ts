import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextWithUploads, createCapture, foreignUploads } from "@/lib/server/capture-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { dropPostgresDatabase, onPostgres } from "../db/test-postgres";
import { createTestDatabase } from "./test-database";

/*
 * Issue 13: app servers keep an upload's bytes once read (they never change),
 * but which uploads exist is the database's to say: an upload another server
 * deleted must not be taken as the instructor's own here.
 */
describe("instructors' uploads, as one of several app servers sees them", () => {
  let db: PrismaClient;
  let url: string;

  beforeAll(() => {
    ({ db, url } = createTestDatabase());
  });
  afterAll(async () => {
    await db.$disconnect();
    if (onPostgres()) dropPostgresDatabase(url);
  });

  it("an upload deleted by another server is no longer the instructor's own here, though its bytes were kept", async () => {
    const instructor = await db.instructor.create({ data: { email: "kept@example.edu", passwordHash: "not-a-hash" } });
    const bytes = new Uint8Array(readFileSync("content/captures/handshake-data-close.pcapng"));
    const { capture } = await createCapture(db, instructor.id, "kept.pcapng", bytes);
    // Read once here, so its bytes are kept in this process.
    expect(await foreignUploads(db, [capture], instructor.id)).toEqual([]);
    expect((await contextWithUploads(db, { states: [], whyCards: [] }, [capture], instructor.id)).captures?.has(capture)).toBe(true);

    // Another server's deleteCapture: the row goes, this process is not told.
    await db.instructorCapture.delete({ where: { id: capture.slice("upload:".length) } });

    expect(await foreignUploads(db, [capture], instructor.id)).toEqual([capture]);
    expect((await contextWithUploads(db, { states: [], whyCards: [] }, [capture], instructor.id)).captures?.has(capture) ?? false).toBe(false);
  });
});

import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { createPostgresDatabase, dropPostgresDatabase } from "../db/test-postgres";
import { freePorts, prepareDatabase, startApp, stopApp, type AppServer } from "./app-server";
import { newLearner, useBrowser } from "./browser";

/*
 * Issue 13: one browser flow on PostgreSQL, beside everything on SQLite. The
 * browser tests' build served with DATABASE_URL=postgresql://, migrated and
 * loaded as `npm start` does it: a learner grades cards in Chromium, the
 * server restarts (it keeps nothing), the progress is still there, and the
 * rows are in PostgreSQL.
 */
const postgres = process.env.SYNACK_TEST_POSTGRES_URL;
const browser = useBrowser();

describe.skipIf(!postgres)("a learner on PostgreSQL", () => {
  const databases: string[] = [];
  afterAll(() => {
    for (const url of databases) dropPostgresDatabase(url);
  });

  it("grades cards in Chromium, and after a restart finds them on /review and /progress and in the database", async () => {
    const url = createPostgresDatabase("template0");
    databases.push(url);
    prepareDatabase(url);
    const port = await freePorts(1);
    let server: AppServer = await startApp(url, port);
    const { context, page } = await newLearner(browser());
    try {
      await page.goto(`${server.url}/review`);
      for (let i = 0; i < 3; i++) {
        await page.getByTestId("flashcard").waitFor();
        await page.keyboard.press("Space");
        await page.getByTestId("card-back").waitFor();
        await page.keyboard.press(String(2 + (i % 3)));
        await page.waitForFunction((n) => document.querySelector('[data-testid="reviewed-count"]')?.textContent === String(n), i + 1);
      }
      await page.locator('[data-saving="false"]').waitFor();

      await stopApp(server);
      server = await startApp(url, port);
      await page.goto(`${server.url}/review`);
      await page.getByTestId("flashcard").waitFor();
      expect(await page.getByTestId("reviewed-count").textContent()).toBe("3");
      const progress = await page.goto(`${server.url}/progress`);
      expect(progress?.status()).toBe(200);
      expect(await page.getByRole("heading", { name: "No progress yet" }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Cards due in the next 30 days" }).isVisible()).toBe(true);
      expect(await page.getByRole("heading", { name: "Activity in the last 26 weeks" }).isVisible()).toBe(true);

      const token = (await context.cookies()).find((cookie) => cookie.name === "synack_learner")!;
      const db = createPrismaClient(url);
      try {
        const learner = await db.learner.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token.value).digest("hex") } });
        expect(await db.reviewLog.count({ where: { learnerId: learner.id } })).toBe(3);
        expect(await db.cardState.count({ where: { learnerId: learner.id } })).toBe(3);
        expect(await db.contentLoad.count()).toBe(1);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await context.close();
      await stopApp(server);
    }
  });
});

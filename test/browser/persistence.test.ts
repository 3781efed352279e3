import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { prepareDatabase, startApp, stopApp, type AppServer } from "./app-server";
import { newLearner, useBrowser } from "./browser";

const port = inject("appPort") + 1;
const browser = useBrowser();

describe("progress survives a restart", () => {
  it("reviews and answers are still there after the server restarts, and are in the SQLite file", async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), "synack-restart-")), "app.db");
    prepareDatabase(databasePath);
    let server: AppServer = await startApp(databasePath, port);
    const { context, page } = await newLearner(browser());

    await page.goto(`${server.url}/review`);
    for (let i = 0; i < 2; i++) {
      await page.getByTestId("flashcard").waitFor();
      await page.keyboard.press("Space");
      await page.getByTestId("card-back").waitFor();
      await page.keyboard.press("3");
      await page.waitForFunction((n) => document.querySelector('[data-testid="reviewed-count"]')?.textContent === String(n), i + 1);
    }
    // The page shows the next card at once and stores the grade in the background: wait until it is stored.
    await page.locator('[data-saving="false"]').waitFor();

    await stopApp(server);
    server = await startApp(databasePath, port);
    await page.goto(`${server.url}/review`);
    await page.getByTestId("flashcard").waitFor();
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("2");

    const token = (await context.cookies()).find((cookie) => cookie.name === "synack_learner")!;
    expect(token.httpOnly).toBe(true);
    const file = new Database(databasePath, { readonly: true });
    const learner = file.prepare("SELECT id FROM Learner WHERE tokenHash = ?").get(createHash("sha256").update(token.value).digest("hex")) as { id: string };
    expect(file.prepare("SELECT COUNT(*) AS n FROM ReviewLog WHERE learnerId = ?").get(learner.id)).toEqual({ n: 2 });
    expect(file.prepare("SELECT COUNT(*) AS n FROM CardState WHERE learnerId = ?").get(learner.id)).toEqual({ n: 2 });
    file.close();

    await context.close();
    await stopApp(server);
  });
});

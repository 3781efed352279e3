import { createHash } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { readDatabase } from "./api-client";
import { newLearner, pageErrors, useBrowser } from "./browser";

/*
 * Issue 10: a grade whose answer is lost on the way back (the connection
 * drops after the server stored it) is sent again by the page with the same
 * Idempotency-Key, and stored once. Chromium's request is let through to the
 * server, its answer thrown away as a reset connection; the page's retry
 * reaches the server untouched.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("a grade whose answer never arrives", () => {
  it("is sent again with the same Idempotency-Key, answered from the server's record, and stored once", async () => {
    const { context, page } = await newLearner(browser());
    // A known learner: a first visit's cookie comes with the first answer, and that answer is the one lost here.
    expect((await page.request.post(`${appUrl}/api/profile`, { data: { newCardsPerDay: 20 } })).status()).toBe(200);
    const sent: { key: string | null; replayed: string | null }[] = [];
    await page.route("**/api/review/grade", async (route) => {
      const key = route.request().headers()["idempotency-key"] ?? null;
      if (sent.length === 0) {
        const response = await route.fetch();
        sent.push({ key, replayed: response.headers()["idempotent-replayed"] ?? null });
        await route.abort("connectionreset");
      } else {
        const response = await route.fetch();
        sent.push({ key, replayed: response.headers()["idempotent-replayed"] ?? null });
        await route.fulfill({ response });
      }
    });

    await page.goto(`${appUrl}/review`);
    await page.getByTestId("flashcard").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("3");
    await page.waitForFunction(() => document.querySelector('[data-testid="reviewed-count"]')?.textContent === "1");
    // The page counts the grade at once and sends it in the background (review-queue.ts): wait until that is done.
    await page.locator('[data-saving="false"]').waitFor();

    expect(sent).toHaveLength(2);
    expect(sent[0]!.key).toMatch(UUID);
    expect(sent[1]).toEqual({ key: sent[0]!.key, replayed: "true" });
    expect(sent[0]!.replayed).toBeNull();

    const token = (await context.cookies()).find((cookie) => cookie.name === "synack_learner")!.value;
    const reviews = readDatabase(databasePath, (raw) => {
      const learner = raw.prepare("SELECT id FROM Learner WHERE tokenHash = ?").get(createHash("sha256").update(token).digest("hex")) as { id: string };
      return (raw.prepare("SELECT COUNT(*) AS n FROM ReviewLog WHERE learnerId = ?").get(learner.id) as { n: number }).n;
    });
    expect(reviews).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

import { createHash } from "node:crypto";
import { createPrismaClient } from "../lib/server/prisma-client";
import { launchBrowser } from "../test/browser/chromium";
import { seedProgress } from "../test/server/scale-seed";
import { percentile, roundMs } from "./stats";

/*
 * From the grade key to the next card painted, in Chromium: a learner with
 * cards due reveals each card with Space and grades it with 3. The page
 * records the keydown's timestamp, notices the card element change (a
 * MutationObserver) and takes the time after the next frame (a
 * requestAnimationFrame, then a task: the frame has been painted by then).
 */

const WARM_UP = 5;
const SAMPLES = 60;

export interface UiFigures {
  grade_to_next_card_ms: { p50: number; p95: number };
  samples: number;
}

declare global {
  interface Window {
    benchSamples: number[];
  }
}

/** A learner (created through the app) with every card of the content in its state, half of them due now. */
async function learnerWithDueCards(baseUrl: string, databaseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/profile`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ newCardsPerDay: 20 }) });
  const token = response.headers.get("set-cookie")?.match(/synack_learner=([^;]+)/)?.[1];
  if (!response.ok || !token) throw new Error(`POST /api/profile: ${response.status}, no learner cookie`);
  const db = createPrismaClient(databaseUrl);
  try {
    const learner = await db.learner.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
    const cards = await db.card.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } });
    await seedProgress(db, learner.id, cards.map((card) => card.id), new Date());
  } finally {
    await db.$disconnect();
  }
  return token;
}

/* A string, not a function: the bundler that runs this file names functions with a helper the page does not have. */
const WATCH_GRADES = `
  window.benchSamples = [];
  let pressed = null;
  const currentCard = () => document.querySelector('[data-testid="flashcard"]')?.dataset.cardId;
  window.addEventListener("keydown", (event) => {
    if (event.key === "3") pressed = { at: event.timeStamp, card: currentCard() };
  }, { capture: true });
  new MutationObserver(() => {
    if (!pressed || currentCard() === pressed.card) return;
    const at = pressed.at;
    pressed = null;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.benchSamples.push(performance.now() - at);
      channel.port2.postMessage(null);
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-card-id"] });
`;

/** `databaseUrl`: the servers' database, where the learner's cards are seeded. */
export async function measureUi(baseUrl: string, databaseUrl: string): Promise<UiFigures> {
  const token = await learnerWithDueCards(baseUrl, databaseUrl);
  const browser = await launchBrowser();
  try {
    // Behind nginx the certificate is the run's own, made a moment before (bench/deployment.ts).
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    context.setDefaultTimeout(60_000);
    await context.addCookies([{ name: "synack_learner", value: token, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/review`);
    await page.getByTestId("flashcard").waitFor();
    await page.evaluate(WATCH_GRADES);
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      await page.getByTestId("flashcard").waitFor();
      await page.keyboard.press("Space");
      await page.getByTestId("card-back").waitFor();
      await page.keyboard.press("3");
      await page.waitForFunction((count) => window.benchSamples.length > count, i);
      // As a learner would: a moment to read the next card, in which a grade sent in the background is answered.
      await page.waitForTimeout(50);
    }
    const samples = (await page.evaluate(() => window.benchSamples)).slice(WARM_UP);
    return { grade_to_next_card_ms: { p50: roundMs(percentile(samples, 50)), p95: roundMs(percentile(samples, 95)) }, samples: samples.length };
  } finally {
    await browser.close();
  }
}

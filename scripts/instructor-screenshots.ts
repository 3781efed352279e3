import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { instructorBuilder } from "../lib/i18n/messages/instructor-builder";
import { seedInstructor, seedPublishedQuiz, type SeededQuiz } from "../test/browser/instructor-fixture";

/*
 * Screenshots of the instructor's pages and the class quiz's states, for
 * looking at what instructors and students see:
 *   npx tsx scripts/instructor-screenshots.ts http://127.0.0.1:3000 /tmp/i11-shots data/app.db
 * Seeds an instructor and three published quizzes into the server's database
 * (the third argument), has three students take the timed one, then shoots
 * every page in English, light, at a desktop's width and in Chinese, dark, on
 * a phone; the editor and the results in Chinese, light, on a desktop too.
 */
const [base = "http://127.0.0.1:3000", out = "/tmp/i11-shots", databasePath = "data/app.db"] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
type Look = { lang: "en" | "zh"; theme: "light" | "dark"; size: keyof typeof SIZES };
const LOOKS: Look[] = [
  { lang: "en", theme: "light", size: "desktop" },
  { lang: "zh", theme: "dark", size: "phone" },
  { lang: "zh", theme: "light", size: "desktop" },
];
const host = new URL(base).hostname;

async function open(browser: Browser, look: Look): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: SIZES[look.size], locale: look.lang === "zh" ? "zh-CN" : "en-US" });
  context.setDefaultTimeout(120_000);
  await context.addCookies([
    { name: "synack_lang", value: look.lang, domain: host, path: "/" },
    { name: "synack_theme", value: look.theme, domain: host, path: "/" },
  ]);
  return { context, page: await context.newPage() };
}

async function shoot(page: Page, look: Look, name: string): Promise<void> {
  const file = join(out, `${name}.${look.lang}.${look.theme}.${look.size}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}

async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
}

/** The first choice, for every question up to the end (`answers` of them at most); returns at the last answered question. */
async function answer(page: Page, answers: number): Promise<void> {
  for (let n = 0; n < answers; n++) {
    const question = page.getByTestId("question");
    const position = await question.getAttribute("data-position");
    await question.locator("input[type=radio]").nth(n % 2).check();
    await question.locator("button[type=submit]").click();
    await page.locator("[data-testid=answer-panel], [data-testid=answer-recorded]").first().waitFor();
    if (n + 1 === answers) return;
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid=question]:not([data-position="${position}"]), [data-testid=session-summary], [data-testid=session-withheld]`).first().waitFor();
  }
}

async function start(page: Page, quiz: SeededQuiz, name: string): Promise<void> {
  await page.goto(`${base}/q/${quiz.code}`);
  await hydrated(page);
  await page.locator("input[name=name]").fill(name);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/quiz\/[^/]+$/);
  await page.getByTestId("question").waitFor();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const owner = await seedInstructor(databasePath, `shots-${Date.now()}@example.org`, "Grace Hopper");
  const newcomer = await seedInstructor(databasePath, `shots-new-${Date.now()}@example.org`);
  const raw = new Database(databasePath);
  raw.prepare(`UPDATE Instructor SET mustChangePassword = 1 WHERE id = ?`).run(newcomer.id);
  raw.close();
  const closes = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
  const timed = seedPublishedQuiz(databasePath, owner.id, { title: "TCP states, week 3", settings: { seed: "per-student", timeLimitMinutes: 20, attempts: 2, closes } });
  const atEnd = seedPublishedQuiz(databasePath, owner.id, { title: "Results at the end", settings: { feedback: "end" } });
  const afterClose = seedPublishedQuiz(databasePath, owner.id, { title: "Results after the close", settings: { feedback: "after-close", closes } });

  // Three students take the timed quiz, so that the results have something to show.
  for (const [index, name] of ["Ada Lovelace", "Bo Li", "Chen Jing"].entries()) {
    const { context, page } = await open(browser, { lang: "en", theme: "light", size: "desktop" });
    await start(page, timed, name);
    await answer(page, index === 2 ? 1 : 3);
    await context.close();
  }

  for (const look of LOOKS) {
    const every = look.lang === "en" || look.theme === "dark";
    const { context, page } = await open(browser, look);
    if (every) {
      await page.goto(`${base}/instructor/login`);
      await hydrated(page);
      await page.locator("input[name=email]").fill(owner.email);
      await page.locator("input[name=password]").fill("not the password");
      await page.locator("form button[type=submit]").click();
      await page.waitForFunction(() => (document.querySelector("form [role=alert]")?.textContent ?? "") !== "");
      await shoot(page, look, "instructor-login-refused");
      await context.addCookies([{ name: "synack_instructor", value: newcomer.token, domain: host, path: "/" }]);
      await page.goto(`${base}/instructor/password`);
      await shoot(page, look, "instructor-password");

      await start(page, timed, "Dana");
      await page.getByTestId("time-left").waitFor();
      await shoot(page, look, "player-countdown");
      await start(page, atEnd, "Dana");
      await answer(page, 1);
      await shoot(page, look, "player-recorded");
      await start(page, afterClose, "Dana");
      await answer(page, 3);
      await page.keyboard.press("Enter");
      await page.getByTestId("session-withheld").waitFor();
      await shoot(page, look, "player-withheld");
      await page.goto(`${base}/q/${afterClose.code}`);
      await shoot(page, look, "q-code");
    }
    await context.addCookies([{ name: "synack_instructor", value: owner.token, domain: host, path: "/" }]);
    const editor = `${base}/instructor/quizzes/${encodeURIComponent(timed.id)}`;
    if (every) {
      await page.goto(`${base}/instructor`);
      await shoot(page, look, "instructor-list");
    }
    await page.goto(editor);
    await hydrated(page);
    await page.getByLabel(instructorBuilder.answerState[look.lang], { exact: true }).first().selectOption("ESTABLISHED");
    await page.locator('[data-problem-path="questions.0.answer"]').waitFor();
    await shoot(page, look, "instructor-editor");
    if (every) {
      await page.goto(`${editor}/preview`);
      await shoot(page, look, "instructor-preview");
    }
    await page.goto(`${editor}/results`);
    await page.getByTestId("heat-map").waitFor();
    await shoot(page, look, "instructor-results");
    await context.close();
  }
} finally {
  await browser.close();
}

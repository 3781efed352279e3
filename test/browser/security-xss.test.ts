import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, pageErrors, useBrowser } from "./browser";
import { ALL_PAYLOADS, PAYLOADS, injectedElements, watchForScript, type Watch } from "./security-payloads";

/*
 * Script pasted into everything a learner or an author can write renders as
 * text: a display name, a free-text interview answer, an imported progress
 * file, a note. Each page is then asked whether a payload ran (window.__xss),
 * whether a dialog opened, and whether the CSP had to refuse anything: React's
 * escaping should leave it nothing to do.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

async function expectNothingRan(page: Page, watch: Watch, where: string) {
  expect(await injectedElements(page), where).toEqual([]);
  expect(await watch.flag(page), where).toBeUndefined();
  expect(watch.dialogs, where).toEqual([]);
  expect(await watch.violations(page), where).toEqual([]);
  expect(pageErrors(page), where).toEqual([]);
}

/** A new learner (no cookies) whose pages are watched from the first script on. */
async function watchedLearner(options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser().newContext({ locale: options.locale ?? "en-US", viewport: DESKTOP });
  const watch = await watchForScript(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return { context, page, watch };
}

/** Starts an interview and answers its first why question with `text`, covering no key point, then ends it. */
async function interviewAnsweredWith(page: Page, text: string): Promise<string> {
  await page.goto(`${appUrl}/interview`);
  await page.getByLabel("Questions (each why with one follow-up)").selectOption("4");
  await page.getByRole("button", { name: "Start the interview" }).click();
  await page.waitForURL(/\/interview\/[a-z0-9]+$/);
  const question = page.getByTestId("question");
  await question.waitFor();
  expect(await question.getAttribute("data-input")).toBe("self-grade");
  await question.getByLabel(/Your answer/).fill(text);
  await question.getByRole("button", { name: "Compare with the key points" }).click();
  await question.getByRole("button", { name: "Submit self-grade" }).click();
  await page.getByTestId("answer-panel").waitFor();
  await page.getByRole("button", { name: "End the interview" }).click();
  await page.getByTestId("session-summary").waitFor();
  return new URL(page.url()).pathname;
}

/** The answer as the summary lists it among the mistakes (a why with no key point covered scores 0). */
async function responseShown(page: Page): Promise<string> {
  const mistake = page.getByTestId("session-summary").locator("details").first();
  await mistake.locator("summary").click();
  return (await mistake.locator("p.muted").first().textContent()) ?? "";
}

describe("a display name carrying HTML or script", () => {
  it("is kept and shown exactly as typed, and nothing runs", async () => {
    const { context, page, watch } = await watchedLearner();
    for (const [name, payload] of Object.entries(PAYLOADS)) {
      await page.goto(`${appUrl}/settings`);
      await page.getByLabel("Display name").fill(payload);
      const [saved] = await Promise.all([page.waitForResponse((reply) => reply.url().endsWith("/api/profile")), page.getByRole("button", { name: "Save" }).first().click()]);
      expect(saved.status(), name).toBe(200);
      await page.reload();
      expect(await page.getByLabel("Display name").inputValue(), name).toBe(payload);
      await expectNothingRan(page, watch, `display name ${name}`);
    }
    await context.close();
  });
});

describe("a free-text interview answer carrying HTML or script", () => {
  it("shows as text in the summary, and again when the page is rendered on the server", async () => {
    const { context, page, watch } = await watchedLearner();
    const path = await interviewAnsweredWith(page, ALL_PAYLOADS);
    expect(await responseShown(page)).toContain(ALL_PAYLOADS);
    await expectNothingRan(page, watch, "summary after answering");
    await page.goto(`${appUrl}${path}`);
    expect(await responseShown(page)).toContain(ALL_PAYLOADS);
    await expectNothingRan(page, watch, "summary rendered on the server");
    await context.close();
  });
});

describe("an imported progress file carrying HTML or script", () => {
  /** Imports `file` from /settings; what the import says. */
  async function importFile(page: Page, file: unknown): Promise<string> {
    await page.goto(`${appUrl}/settings`);
    await page.getByLabel("Progress file (.json)").setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const status = page.getByRole("status").filter({ hasText: /Import complete|not a valid/ });
    await status.waitFor();
    return (await status.textContent()) ?? "";
  }

  /** A real export: one interview whose why was answered in the words given. */
  async function exportedProgress(text: string) {
    const { context, page } = await watchedLearner();
    await interviewAnsweredWith(page, text);
    const reply = await page.request.get(`${appUrl}/api/progress/export`);
    expect(reply.status()).toBe(200);
    const file = await reply.json();
    await context.close();
    return file;
  }

  it("a display name and an answer from the file show as text, on the settings page and the interview's summary", async () => {
    const file = await exportedProgress("A plain answer.");
    file.learner.displayName = PAYLOADS.breakout;
    for (const answer of file.answers) {
      const response = JSON.parse(answer.response);
      if (response.kind === "self-grade") answer.response = JSON.stringify({ ...response, text: ALL_PAYLOADS });
    }

    const { context, page, watch } = await watchedLearner();
    expect(await importFile(page, file)).toMatch(/Import complete/);
    await expectNothingRan(page, watch, "after the import");
    await page.goto(`${appUrl}/settings`);
    expect(await page.getByLabel("Display name").inputValue()).toBe(PAYLOADS.breakout);
    await expectNothingRan(page, watch, "settings");

    // The imported interview, found in the database as this learner's.
    const token = (await context.cookies()).find((cookie) => cookie.name === "synack_learner")!.value;
    const db = new Database(databasePath, { readonly: true });
    const session = db
      .prepare("SELECT s.id FROM StudySession s JOIN Learner l ON l.id = s.learnerId WHERE l.tokenHash = ? AND s.mode = 'interview'")
      .get(createHash("sha256").update(token).digest("hex")) as { id: string };
    db.close();
    await page.goto(`${appUrl}/interview/${session.id}`);
    expect(await responseShown(page)).toContain(ALL_PAYLOADS);
    await expectNothingRan(page, watch, "imported interview");
    await context.close();
  });

  it("a file refused for ids carrying HTML or script lists its problems as text", async () => {
    const file = await exportedProgress("A plain answer.");
    file.answers = file.answers.map((answer: Record<string, unknown>) => ({ ...answer, id: PAYLOADS.img, sessionId: PAYLOADS.svg }));

    const { context, page, watch } = await watchedLearner();
    expect(await importFile(page, file)).toMatch(/not a valid SynAck progress file/);
    expect(await page.getByRole("status").locator("li").count()).toBeGreaterThan(0);
    await expectNothingRan(page, watch, "refused import");
    await context.close();
  });
});

describe("a note carrying HTML or script", () => {
  const NOTE_ID = "security-probe";
  const markdown = [
    "A paragraph, then every payload as raw HTML, inline and as blocks.",
    `Inline: ${PAYLOADS.img} and ${PAYLOADS.script}.`,
    ...Object.values(PAYLOADS),
    "[javascript](javascript:alert(__xss=11))",
    "[tab](java&#x09;script:alert(__xss=12))",
    "[entity](&#x6a;avascript:alert(__xss=13))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](javascript:alert(__xss=14))",
    "<javascript:alert(__xss=15)>",
    "[a web link](https://www.rfc-editor.org/rfc/rfc9293)",
  ].join("\n\n");

  beforeAll(() => {
    // As a content load would store it: the page reads notes from the database.
    const db = new Database(databasePath);
    db.prepare(
      `INSERT INTO Note (id, titleZh, titleEn, summaryZh, summaryEn, bodyZh, bodyEn, tags, "order", sourcePath, active, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1000000, 'content/notes/security-probe.md', 1, ?)`,
    ).run(NOTE_ID, PAYLOADS.svg, PAYLOADS.img, PAYLOADS.details, PAYLOADS.breakout, markdown, markdown, JSON.stringify([PAYLOADS.script]), new Date().toISOString());
    db.close();
  });

  afterAll(() => {
    const db = new Database(databasePath);
    db.prepare("DELETE FROM Note WHERE id = ?").run(NOTE_ID);
    db.close();
  });

  it.each([
    ["en-US", PAYLOADS.img],
    ["zh-CN", PAYLOADS.svg],
  ])("in %s the title, summary and body show as text, and no link leads to script", async (locale, title) => {
    const { context, page, watch } = await watchedLearner({ locale });
    await page.goto(`${appUrl}/learn/${NOTE_ID}`);
    const note = page.getByTestId("note");
    expect(await note.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.title()).toContain(title);
    expect(await note.textContent()).toContain(locale === "en-US" ? PAYLOADS.breakout : PAYLOADS.details);
    // Raw HTML in a note is left out; what remains renders no element of it.
    await expectNothingRan(page, watch, `note in ${locale}`);
    const links = await note.locator("a").evaluateAll((anchors) => anchors.map((a) => ({ text: a.textContent, href: a.getAttribute("href"), protocol: (a as HTMLAnchorElement).protocol })));
    for (const link of links) expect(["http:", "https:"], JSON.stringify(link)).toContain(link.protocol);
    expect(links.find((link) => link.text === "a web link")?.href).toBe("https://www.rfc-editor.org/rfc/rfc9293");
    const images = await note.locator("img").evaluateAll((images) => images.map((image) => image.getAttribute("src")));
    for (const src of images) expect(src === null || src === "" || /^https?:/.test(src), `img src=${src}`).toBe(true);

    await page.goto(`${appUrl}/learn`);
    expect(await page.getByTestId("note-list").textContent()).toContain(title);
    await expectNothingRan(page, watch, `list of notes in ${locale}`);
    await context.close();
  });
});

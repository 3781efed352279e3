import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DESKTOP, pageErrors, useBrowser } from "./browser";
import { importGift } from "@/lib/interchange";
import { escapeGift } from "@/lib/interchange/gift-escape";
import { textToHtml } from "@/lib/interchange/html-text";
import { answerOnScreen } from "./answer";
import { seedInstructor, seedPublishedQuiz, type SeededInstructor, type SeededQuiz } from "./instructor-fixture";
import { ALL_PAYLOADS, PAYLOADS, injectedElements, watchForScript, type Watch } from "./security-payloads";

/*
 * Script pasted into everything a learner or an author can write renders as
 * text: a display name, a free-text interview answer, an imported progress
 * file, a note, an instructor's quiz and name, a student's name on a shared
 * quiz (and in the results CSV), a quiz imported from GIFT. Each page is then asked whether a payload ran (window.__xss),
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
  // A hang guard, not a timing goal: on a busy 2-core machine a page may take a while.
  context.setDefaultTimeout(120_000);
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

/** Takes a seeded quiz off /quiz again, so that the other test files sharing the server see only their own. */
function unpublish(quizId: string) {
  const db = new Database(databasePath);
  db.prepare("UPDATE InstructorQuiz SET liveVersionId = NULL WHERE id = ?").run(quizId);
  db.close();
}

/** A signed-in instructor's browser, watched like a learner's. */
async function watchedInstructor(instructor: SeededInstructor, options: { locale?: string } = {}) {
  const watched = await watchedLearner(options);
  await watched.context.addCookies([{ name: "synack_instructor", value: instructor.token, url: appUrl }]);
  return watched;
}

/** Every value of every text field on the page: what an editor holds. */
function fieldValues(page: Page): Promise<string[]> {
  return page.locator("main input, main textarea").evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
}

/** RFC 4180 fields, enough for csv-stringify's output: quoted fields with "" for a quote, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') (field += '"'), at++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(field), (field = "");
    else if (char === "\r" && text[at + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), at++;
    else field += char;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

describe("an instructor's quiz carrying HTML or script", () => {
  const both = (text: string) => ({ zh: text, en: text });
  /** Formulas a spreadsheet would run, as student names: the CSV must neutralise each with a leading '. */
  const FORMULAS = ['=HYPERLINK("http://evil.test","x")', "+1+1", "-2+3", "@SUM(A1:A2)"];
  let instructor: SeededInstructor;
  let quiz: SeededQuiz;

  beforeAll(async () => {
    instructor = await seedInstructor(databasePath, `xss-${Date.now()}@example.edu`, PAYLOADS.details);
    quiz = seedPublishedQuiz(databasePath, instructor.id, {
      title: PAYLOADS.img,
      settings: { feedback: "each", seed: 7 },
      definition: {
        id: "xss-quiz",
        title: { zh: PAYLOADS.svg, en: PAYLOADS.img },
        description: both(ALL_PAYLOADS),
        questions: [
          {
            id: "q1",
            type: "choice",
            prompt: both(`Pick one. ${PAYLOADS.script}`),
            choices: [both(PAYLOADS.breakout), both(PAYLOADS.link), both(PAYLOADS.iframe)],
            answer: 1,
            explanation: both(ALL_PAYLOADS),
          },
          { id: "q2", type: "true-false", prompt: both(`True or false? ${PAYLOADS.details}`), answer: true, explanation: both(PAYLOADS.img) },
        ],
        generated: [],
      },
    });
  });

  afterAll(() => unpublish(quiz.id));

  it("shows as text in the instructor's list, the editor and the preview", async () => {
    const { context, page, watch } = await watchedInstructor(instructor);
    await page.goto(`${appUrl}/instructor`);
    expect(await page.locator("main").textContent()).toContain(PAYLOADS.img);
    await expectNothingRan(page, watch, "instructor's list");

    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}`);
    await page.getByLabel("Title (English)").waitFor();
    expect(await page.getByLabel("Title (English)").inputValue()).toBe(PAYLOADS.img);
    expect(await page.getByLabel("Title (Chinese)").inputValue()).toBe(PAYLOADS.svg);
    const values = await fieldValues(page);
    for (const text of [ALL_PAYLOADS, `Pick one. ${PAYLOADS.script}`, PAYLOADS.breakout, PAYLOADS.link, PAYLOADS.iframe, `True or false? ${PAYLOADS.details}`]) expect(values, text).toContain(text);
    await expectNothingRan(page, watch, "editor");

    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}/preview`);
    const preview = page.getByTestId("preview-questions");
    await preview.waitFor();
    const shown = (await preview.textContent()) ?? "";
    for (const text of [`Pick one. ${PAYLOADS.script}`, PAYLOADS.breakout, PAYLOADS.link, PAYLOADS.iframe, PAYLOADS.details]) expect(shown, text).toContain(text);
    await expectNothingRan(page, watch, "preview");
    await context.close();
  });

  it("shows as text on /quiz, at /q/<code> and in the player with its feedback", async () => {
    const { context, page, watch } = await watchedLearner();
    await page.goto(`${appUrl}/quiz`);
    const shared = page.getByTestId("shared-quizzes");
    expect(await shared.textContent()).toContain(PAYLOADS.img);
    expect(await shared.textContent()).toContain(PAYLOADS.details);
    await expectNothingRan(page, watch, "/quiz list");

    await page.goto(`${appUrl}/q/${quiz.code}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(PAYLOADS.img);
    expect(await page.locator("main").textContent()).toContain(PAYLOADS.iframe);
    await expectNothingRan(page, watch, "/q/<code>");

    await page.getByLabel("Your name").fill(PAYLOADS.breakout);
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForURL(/\/quiz\/[^/]+$/);
    expect(await page.getByTestId("attempt-of").textContent()).toBe(`${PAYLOADS.breakout} · attempt 1`);
    for (let n = 0; n < 2; n++) {
      const question = (await page.getByTestId("question").textContent()) ?? "";
      expect(question.includes(PAYLOADS.script) || question.includes(PAYLOADS.details), question).toBe(true);
      await answerOnScreen(page);
      // Feedback after each question: the explanation carries payloads too.
      expect(await page.getByTestId("answer-panel").textContent()).toContain(PAYLOADS.img);
      await expectNothingRan(page, watch, `player, question ${n + 1}`);
      await page.keyboard.press("Enter");
    }
    await page.getByTestId("session-summary").waitFor();
    await expectNothingRan(page, watch, "summary");
    await page.reload();
    await page.getByTestId("session-summary").waitFor();
    await expectNothingRan(page, watch, "summary rendered on the server");
    await context.close();
  });

  it("student names show as text in the results and their attempt, and the CSV neutralises formulas", async () => {
    const names = [...Object.values(PAYLOADS), ...FORMULAS];
    for (const name of names) {
      const reply = await fetch(`${appUrl}/api/q/${quiz.code}/attempts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
      expect(reply.status, `${name}: ${await reply.clone().text()}`).toBe(201);
    }
    const db = new Database(databasePath, { readonly: true });
    const attempt = db.prepare("SELECT id FROM StudySession WHERE quizVersionId = ? AND studentName = ? AND finishedAt IS NOT NULL").get(quiz.versionId, PAYLOADS.breakout) as { id: string };
    db.close();

    const { context, page, watch } = await watchedInstructor(instructor);
    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}/results`);
    const table = (await page.getByTestId("students-table").textContent()) ?? "";
    for (const name of names) expect(table, name).toContain(name);
    expect(await page.locator("main").textContent()).toContain(PAYLOADS.breakout);
    await expectNothingRan(page, watch, "results");

    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}/results?attempt=${attempt.id}`);
    const detail = page.getByTestId("attempt-detail");
    expect(await detail.getByRole("heading", { level: 2 }).textContent()).toContain(PAYLOADS.breakout);
    expect(await detail.textContent()).toContain(PAYLOADS.details);
    await expectNothingRan(page, watch, "attempt detail");

    const csv = await context.request.get(`${appUrl}/api/instructor/quizzes/${quiz.id}/results.csv`);
    expect(csv.status()).toBe(200);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    const cells = new Map(rows.slice(1).map((row) => [row[0], row]));
    for (const name of names) expect(cells.has(/^[=+\-@]/.test(name) ? `'${name}` : name), name).toBe(true);
    for (const row of rows) for (const cell of row) expect(cell, `a cell a spreadsheet would evaluate: ${row.join(",")}`).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    await context.close();
  });
});

describe("a GIFT file carrying HTML or script, imported", () => {
  it("markup written as text comes back as text, raw markup is dropped, and the editor and preview run none of it", async () => {
    // GIFT text is Moodle HTML: the payload written escaped (&lt;…) is text the author meant; written raw, it is markup the import strips.
    const html = (text: string) => escapeGift(textToHtml(text));
    const gift = [
      `::Payloads::${html(`Pick one. ${PAYLOADS.script}`)} {`,
      `=${html(PAYLOADS.breakout)}#${html(PAYLOADS.img)}`,
      `~${html(PAYLOADS.link)}`,
      `~${html(PAYLOADS.iframe)}`,
      `####${html(PAYLOADS.details)}`,
      "}",
      "",
      `${escapeGift(`Raw markup ${PAYLOADS.svg}`)} {TRUE}`,
      "",
    ].join("\n");
    const imported = importGift(gift, { fileName: "payloads.gift", quizId: "payloads", lang: "en" });
    expect(imported.skipped).toEqual([]);
    expect(imported.quiz?.questions.map((question) => question.prompt.en)).toEqual([`Pick one. ${PAYLOADS.script}`, "Raw markup"]);
    const instructor = await seedInstructor(databasePath, `gift-${Date.now()}@example.edu`);
    const quiz = seedPublishedQuiz(databasePath, instructor.id, { definition: JSON.parse(JSON.stringify(imported.quiz)) as Record<string, unknown> });

    const { context, page, watch } = await watchedInstructor(instructor);
    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}`);
    await page.getByLabel("Title (English)").waitFor();
    const values = await fieldValues(page);
    await expectNothingRan(page, watch, "editor of an imported quiz");
    await page.goto(`${appUrl}/instructor/quizzes/${quiz.id}/preview`);
    await page.getByTestId("preview-questions").waitFor();
    const shown = (await page.getByTestId("preview-questions").textContent()) ?? "";
    await expectNothingRan(page, watch, "preview of an imported quiz");
    for (const text of [`Pick one. ${PAYLOADS.script}`, PAYLOADS.breakout, PAYLOADS.link, PAYLOADS.iframe]) {
      expect(values, text).toContain(text);
      expect(shown, text).toContain(text);
    }
    expect(shown).not.toContain("<svg");
    await context.close();
    unpublish(quiz.id);
  });
});

describe("a capture file whose name carries HTML or script", () => {
  it("shows the name as text in the file's facts, the quiz's prompt and the error, and nothing runs", async () => {
    const { context, page, watch } = await watchedLearner();
    await page.goto(`${appUrl}/learn/capture`);
    await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
    const input = page.getByLabel("Choose a capture file (.pcap, .pcapng)");
    const name = `${PAYLOADS.img}${PAYLOADS.svg}.pcap`;
    await input.setInputFiles({ name, mimeType: "application/vnd.tcpdump.pcap", buffer: readFileSync("content/captures/half-close-ipv6.pcap") });
    await page.getByTestId("fact-file").waitFor();
    expect(await page.getByTestId("fact-file").textContent()).toBe(name);
    await page.getByTestId("quiz-start").click();
    await page.getByTestId("question").waitFor();
    expect(await page.getByTestId("question").locator("h3").textContent()).toContain(name);
    await expectNothingRan(page, watch, "a capture named with markup");

    const broken = `${PAYLOADS.details}${PAYLOADS.breakout}.pcapng`;
    await input.setInputFiles({ name: broken, mimeType: "application/octet-stream", buffer: Buffer.from("not a capture at all") });
    await page.getByTestId("capture-error").waitFor();
    expect(await page.getByTestId("capture-error").textContent()).toContain(broken);
    await expectNothingRan(page, watch, "a refused capture named with markup");
    await context.close();
  });
});

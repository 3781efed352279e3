import Database from "better-sqlite3";
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { HTML_LANG, LANGUAGES } from "@/lib/i18n/language";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import { interview } from "@/lib/i18n/messages/quiz";
import { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { QUESTION_KINDS } from "@/lib/questions/question";
import { describeViolation, loadAxe, runAxe } from "./axe-audit";
import { DESKTOP, PHONE, useBrowser } from "./browser";
import { seedInstructor, seedPublishedQuiz, type SeededQuiz } from "./instructor-fixture";

/*
 * Issue 10: axe-core on every page, in both languages and both themes, at a
 * phone's and a desktop's width, with no serious or critical violation. Each
 * combination is one learner in one browser context who walks the whole app,
 * states included (a flashcard turned over, a question answered, a finished
 * quiz), and the audit runs on each stop of the walk.
 *
 * Three choices of two (language, theme, width) make eight combinations; the
 * walk runs in four of them, chosen so that every value of each choice meets
 * every value of each other choice (a pairwise covering, the half of the
 * eight whose three indices sum to an even number): every page is audited in
 * both languages, in both themes and at both widths, each language in each
 * theme, at each width, and each theme at each width. What a page shows
 * differs along one choice at a time (its words, its colours, its layout),
 * and the pairs catch any two of them meeting; the other four walks, for
 * all three meeting at once, cost about four minutes of CI on a 2-core machine.
 *
 * The content that only repeats a page with other words (the notes, the
 * eleven kinds of question) is shared out between the two widths: each note
 * and each kind is audited in both languages and both themes, at one width.
 * Two walks run at once (the browser audits one page while the server
 * renders the other's).
 *
 * Issue 11 adds the instructor's pages and the class quiz's states: each walk
 * seeds an instructor with three published quizzes, takes them by their links
 * as its learner (a countdown, a time limit run out, answers recorded with
 * results at the end or after the close), and then, signed in, audits the
 * quiz list, the editor with a problem shown, the preview and the results
 * those attempts made. A11Y_REPORT=1 also prints the moderate and minor
 * findings, which do not fail the test.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

const THEMES = ["light", "dark"] as const;
const WIDTHS = { phone: PHONE, desktop: DESKTOP } as const;
const WIDTH_NAMES = Object.keys(WIDTHS) as (keyof typeof WIDTHS)[];
/** The pairwise half of the eight: language, theme and width indices summing to an even number. */
const COMBINATIONS = LANGUAGES.flatMap((lang, l) => THEMES.flatMap((theme, t) => WIDTH_NAMES.flatMap((width, w) => ((l + t + w) % 2 === 0 ? [{ lang, theme, width }] : []))));
type Combination = (typeof COMBINATIONS)[number];

/** Fails the test: serious and critical. The rest is reported by A11Y_REPORT=1 and left to judgement. */
const FAILING = new Set(["serious", "critical"]);

/** The routes the walk visited, by their file's pattern, to hold the walk to every page under app/. */
const visited = new Set<string>();

class Walk {
  readonly failures: string[] = [];
  readonly lesser: string[] = [];
  constructor(
    readonly page: Page,
    readonly combination: Combination,
  ) {}

  /** This walk's share of a list that the two widths split between them: every other item. */
  share<T>(items: readonly T[]): T[] {
    const offset = this.combination.width === "phone" ? 0 : 1;
    return items.filter((_, index) => index % 2 === offset);
  }

  get label(): string {
    const { lang, theme, width } = this.combination;
    const { width: w, height: h } = WIDTHS[width];
    return `${HTML_LANG[lang]} · ${theme} · ${width} ${w}×${h}`;
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${appUrl}${path}`);
    // React took the page over: what the audit sees is what a learner gets.
    await this.page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
  }

  /** Audits the page as it is now; `route` is its file's pattern, `state` what is on screen if more than the page itself. */
  async audit(route: string, state?: string): Promise<void> {
    visited.add(route);
    const path = new URL(this.page.url()).pathname + new URL(this.page.url()).search;
    const where = `${path}${state ? ` (${state})` : ""} [${this.label}]`;
    const lang = await this.page.getAttribute("html", "lang");
    if (lang !== HTML_LANG[this.combination.lang]) this.failures.push(`html lang is ${lang}, not ${HTML_LANG[this.combination.lang]}, on ${where}`);
    for (const violation of await runAxe(this.page)) {
      (FAILING.has(violation.impact) ? this.failures : this.lesser).push(describeViolation(violation, where));
    }
  }
}

async function openWalk(combination: Combination): Promise<{ context: BrowserContext; walk: Walk }> {
  const context = await browser().newContext({
    locale: combination.lang === "zh" ? "zh-CN" : "en-US",
    viewport: WIDTHS[combination.width],
  });
  await loadAxe(context);
  context.setDefaultTimeout(120_000);
  const { hostname } = new URL(appUrl);
  await context.addCookies([
    { name: "synack_lang", value: combination.lang, domain: hostname, path: "/" },
    { name: "synack_theme", value: combination.theme, domain: hostname, path: "/" },
  ]);
  return { context, walk: new Walk(await context.newPage(), combination) };
}

async function newSession(page: Page, config: Record<string, unknown>): Promise<string> {
  const reply = await page.request.post(`${appUrl}/api/sessions`, { data: config });
  expect(reply.status()).toBe(201);
  return ((await reply.json()) as { id: string }).id;
}

/** Answers the question on screen through its own input, in either language (not necessarily rightly). */
async function answer(walk: Walk, route: string): Promise<void> {
  const { page } = walk;
  const question = page.getByTestId("question");
  await question.waitFor();
  const input = (await question.getAttribute("data-input"))!;
  const kind = (await question.getAttribute("data-kind"))!;
  const submit = question.locator("button[type=submit]");
  if (input === "self-grade") {
    await question.locator("textarea").fill("Old duplicates must not be taken for new segments.");
    await walk.audit(route, `${kind} question`);
    await submit.click();
    await question.getByRole("checkbox").first().waitFor();
    await walk.audit(route, `${kind} question, key points to tick`);
    await question.getByRole("checkbox").first().check();
    await submit.click();
  } else {
    await walk.audit(route, `${kind} question`);
    if (input === "segment") {
      await question.locator("input[name=flags]").fill("ack");
      await question.locator("input[name=seq]").fill("1");
      await question.locator("input[name=ack]").fill("2");
      await submit.click();
    } else if (input === "number") {
      await question.locator("input[name=number]").fill("12345");
      await submit.click();
    } else if (input === "order") {
      await question.locator("li button").nth(1).click();
      await submit.click();
    } else if (input === "match") {
      const selects = question.locator("select");
      for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption({ index: i + 1 });
      await submit.click();
    } else {
      await question.locator("input[type=radio]").first().check();
      await submit.click();
    }
  }
  await page.getByTestId("answer-panel").waitFor();
  await walk.audit(route, `${kind} answered, with its explanation`);
}

async function flashcards(walk: Walk): Promise<void> {
  const { page } = walk;
  await walk.goto("/review");
  await page.getByTestId("flashcard").waitFor();
  await walk.audit("/review", "a card's front");
  await page.keyboard.press("Space");
  await page.getByTestId("card-back").waitFor();
  await walk.audit("/review", "the answer shown");
  await page.keyboard.press("3");
  await page.waitForFunction(() => document.querySelector('[data-testid="reviewed-count"]')?.textContent === "1");
  // The page counts the grade at once and stores it in the background (review-queue.ts): wait until it is stored.
  await page.locator('[data-saving="false"]').waitFor();
  // One new card a day, now seen: the review is done for today.
  expect((await page.request.post(`${appUrl}/api/profile`, { data: { newCardsPerDay: 1 } })).ok()).toBe(true);
  await walk.goto("/review");
  await page.getByTestId("review-done").waitFor();
  await walk.audit("/review", "done for today");
}

async function quiz(walk: Walk): Promise<void> {
  const { page } = walk;
  const kinds = walk.share(QUESTION_KINDS);
  const id = await newSession(page, { mode: "quiz", length: kinds.length, kinds });
  await walk.goto(`/quiz/${id}`);
  for (let n = 0; n < kinds.length; n++) {
    await answer(walk, "/quiz/[id]");
    await page.keyboard.press("Enter");
  }
  await page.getByTestId("session-summary").waitFor();
  // Every mistake opened, as a learner reading the results would.
  await page.locator("[data-testid=session-summary] details").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  await walk.audit("/quiz/[id]", "results, mistakes opened");
  await walk.goto("/quiz");
  await walk.audit("/quiz", "with a finished quiz among the recent ones");
}

async function interviewRound(walk: Walk): Promise<void> {
  const { page } = walk;
  const id = await newSession(page, { mode: "interview", length: 4 });
  await walk.goto(`/interview/${id}`);
  await answer(walk, "/interview/[id]");
  await page.keyboard.press("Enter");
  await answer(walk, "/interview/[id]");
  await page.getByRole("button", { name: interview.stop[walk.combination.lang] }).click();
  await page.getByTestId("session-summary").waitFor();
  await walk.audit("/interview/[id]", "summary");
  await walk.goto("/interview");
  await walk.audit("/interview", "with the interview among the recent ones");
}

async function learn(walk: Walk): Promise<void> {
  const { page } = walk;
  await walk.goto("/learn");
  await walk.audit("/learn");
  const notes = await page.getByTestId("note-list").locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  expect(notes.length).toBeGreaterThan(1);
  for (const note of walk.share(notes)) {
    await walk.goto(note);
    await walk.audit("/learn/[id]");
  }

  await walk.goto("/learn/diagram");
  await walk.audit("/learn/diagram");
  await page.getByTestId("state-diagram").getByRole("button", { name: /FIN_WAIT_1/ }).first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid="current-state"]')?.textContent === "FIN_WAIT_1");
  await walk.audit("/learn/diagram", "FIN_WAIT_1 selected");
  await walk.goto("/learn/diagram?profile=linux&state=TIME_WAIT");
  await walk.audit("/learn/diagram", "Linux profile");

  await walk.goto("/learn/scenarios?name=no-such-scenario&profile=no-such-profile");
  await walk.audit("/learn/scenarios", "an unknown scenario and profile named, both refused");
  // The Linux profile, one segment dropped, a few steps in: every panel of the player filled.
  await walk.goto("/learn/scenarios?name=close-client-first&lose=1&profile=linux");
  for (let i = 0; i < 3; i++) await page.getByTestId("step-forward").click();
  await walk.audit("/learn/scenarios", "Linux, a segment dropped, step 3");

  await walk.goto("/learn/capture");
  await walk.audit("/learn/capture", "no capture open");
  await page.locator('[data-sample="two-interfaces.pcapng"]').click();
  await page.getByTestId("capture-player").waitFor();
  for (let i = 0; i < 4; i++) await page.getByTestId("step-forward").click();
  await walk.audit("/learn/capture", "a sample open, step 4, with a duplicate's note");
  await page.getByTestId("quiz-start").click();
  const question = page.getByTestId("question");
  await question.waitFor();
  await walk.audit("/learn/capture", "a question from the capture");
  if ((await question.getAttribute("data-input")) === "number") await question.locator("input[name=number]").fill("12345");
  else await question.locator("input[type=radio]").first().check();
  await question.locator("button[type=submit]").click();
  await page.getByTestId("answer-panel").waitFor();
  await walk.audit("/learn/capture", "the question answered, with its explanation");
  await page.getByTestId("capture-file").setInputFiles({ name: "broken.pcap", mimeType: "application/octet-stream", buffer: Buffer.from("not a capture") });
  await page.getByTestId("capture-error").waitFor();
  await walk.audit("/learn/capture", "a file refused, with the byte offset");
}

async function settings(walk: Walk): Promise<void> {
  const { page } = walk;
  await walk.goto("/settings");
  await walk.audit("/settings");
  const form = page.locator("form:has(input[type=file])");
  await form.locator("input[type=file]").setInputFiles({ name: "progress.json", mimeType: "application/json", buffer: Buffer.from('{"format":"not synack"}') });
  await form.locator("button[type=submit]").click();
  await form.locator("[role=status] li").first().waitFor();
  await walk.audit("/settings", "a progress file refused, with its problems");
}

/** Answers the class quiz's question on screen with its first choice (next-state questions only: the seeded quizzes hold no other). */
async function answerFirstChoice(walk: Walk): Promise<void> {
  const question = walk.page.getByTestId("question");
  await question.waitFor();
  await question.locator("input[type=radio]").first().check();
  await question.locator("button[type=submit]").click();
}

/** A student's attempt at a shared quiz: the link's page, a name, Start; the player opens on its first question. */
async function startAttempt(walk: Walk, quiz: SeededQuiz, state: string): Promise<string> {
  const { page, combination } = walk;
  await walk.goto(`/q/${quiz.code}`);
  await walk.audit("/q/[code]", state);
  await page.getByLabel(quizAttempts.nameLabel[combination.lang]).fill("Ada Lovelace");
  await page.getByRole("button", { name: quizAttempts.start[combination.lang] }).click();
  await page.waitForURL(/\/quiz\/[^/]+$/);
  await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
  await page.getByTestId("question").waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

/** Goes on from an answered question (Enter): to the next question, or to what the end of the attempt shows. */
async function goOn(walk: Walk): Promise<void> {
  const position = await walk.page.getByTestId("question").getAttribute("data-position");
  await walk.page.keyboard.press("Enter");
  await walk.page.locator(`[data-testid=question]:not([data-position="${position}"]), [data-testid=session-summary], [data-testid=session-withheld]`).first().waitFor();
}

/** Answers the rest of an attempt; `end` is what the end shows once the server has said (the withheld state comes first while it does). */
async function finishAttempt(walk: Walk, end: "session-summary" | "session-withheld"): Promise<void> {
  const { page } = walk;
  while ((await page.getByTestId("question").count()) > 0) {
    await answerFirstChoice(walk);
    await page.locator("[data-testid=answer-panel], [data-testid=answer-recorded]").first().waitFor();
    await goOn(walk);
  }
  await page.getByTestId(end).waitFor();
}

/** The class quizzes through their links, as the walk's learner: what the results page will then show. */
async function classQuizzes(walk: Walk, quizzes: { timed: SeededQuiz; atEnd: SeededQuiz; afterClose: SeededQuiz }): Promise<void> {
  const { page } = walk;
  await startAttempt(walk, quizzes.timed, "before the first attempt");
  await page.getByTestId("time-left").waitFor();
  await walk.audit("/quiz/[id]", "a class quiz's question, with its countdown");
  await answerFirstChoice(walk);
  await page.getByTestId("answer-panel").waitFor();
  await walk.audit("/quiz/[id]", "a class quiz's question answered, with its countdown");
  await goOn(walk);
  await finishAttempt(walk, "session-summary");
  await walk.audit("/quiz/[id]", "a class quiz's results");

  // The second attempt's time runs out on the server: the answer is refused and the attempt ends.
  const second = await startAttempt(walk, quizzes.timed, "one of two attempts used");
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    const { changes } = raw.prepare(`UPDATE StudySession SET deadline = ? WHERE id = ?`).run(new Date(Date.now() - 10_000).toISOString(), second);
    expect(changes).toBe(1);
  } finally {
    raw.close();
  }
  await answerFirstChoice(walk);
  await page.getByRole("alert").filter({ hasText: quizAttempts["refused_time-up"][walk.combination.lang] }).first().waitFor();
  await walk.audit("/quiz/[id]", "time is up, the answer refused");

  await startAttempt(walk, quizzes.atEnd, "results when the student finishes");
  await answerFirstChoice(walk);
  await page.getByTestId("answer-recorded").waitFor();
  await walk.audit("/quiz/[id]", "an answer recorded, results at the end");
  await goOn(walk);
  await finishAttempt(walk, "session-summary");

  await startAttempt(walk, quizzes.afterClose, "results after the close date");
  await finishAttempt(walk, "session-withheld");
  await walk.audit("/quiz/[id]", "handed in, results after the close date");
  await walk.goto(`/q/${quizzes.afterClose.code}`);
  await walk.audit("/q/[code]", "an attempt handed in");
  await walk.goto("/q/NO-SUCH-CODE");
  await walk.audit("/q/[code] (not found)", "an unknown quiz code");
}

/** The instructor's side: signed out, a one-time password, then the list, the editor, the preview and the results. */
async function instructor(walk: Walk): Promise<void> {
  const { page, combination } = walk;
  const { lang } = combination;
  const tag = `${combination.lang}-${combination.theme}-${combination.width}-${Date.now()}`;
  const owner = await seedInstructor(databasePath, `a11y-${tag}@example.org`, "Grace Hopper");
  const closes = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
  const quizzes = {
    timed: seedPublishedQuiz(databasePath, owner.id, { title: "Timed quiz", settings: { seed: "per-student", timeLimitMinutes: 60, attempts: 2 } }),
    atEnd: seedPublishedQuiz(databasePath, owner.id, { title: "Results at the end", settings: { feedback: "end" } }),
    afterClose: seedPublishedQuiz(databasePath, owner.id, { title: "Results after the close", settings: { feedback: "after-close", closes } }),
  };
  await classQuizzes(walk, quizzes);

  await walk.goto("/instructor/login");
  await walk.audit("/instructor/login", "signed out");
  await page.getByLabel(instructorAuth.email[lang], { exact: true }).fill(owner.email);
  await page.getByLabel(instructorAuth.password[lang], { exact: true }).fill("not the password");
  await page.getByRole("button", { name: instructorAuth.signIn[lang] }).click();
  // Refused as wrong, or (after many runs within the window) as too many attempts: either way a message in the alert.
  await page.waitForFunction(() => (document.querySelector("form [role=alert]")?.textContent ?? "") !== "");
  await walk.audit("/instructor/login", "a wrong password refused");

  const newcomer = await seedInstructor(databasePath, `a11y-new-${tag}@example.org`);
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    expect(raw.prepare(`UPDATE Instructor SET mustChangePassword = 1 WHERE id = ?`).run(newcomer.id).changes).toBe(1);
  } finally {
    raw.close();
  }
  const { hostname } = new URL(appUrl);
  await page.context().addCookies([{ name: "synack_instructor", value: newcomer.token, domain: hostname, path: "/" }]);
  await walk.goto("/instructor/password");
  await walk.audit("/instructor/password", "a one-time password to replace");
  await page.getByLabel(instructorAuth.newPassword[lang], { exact: true }).fill("a long enough new password");
  await page.getByLabel(instructorAuth.confirmPassword[lang], { exact: true }).fill("another one");
  await page.getByRole("button", { name: instructorAuth.savePassword[lang] }).click();
  await page.locator("[aria-invalid=true]").first().waitFor();
  await walk.audit("/instructor/password", "the form's problems shown");

  await page.context().addCookies([{ name: "synack_instructor", value: owner.token, domain: hostname, path: "/" }]);
  await walk.goto("/instructor");
  await walk.audit("/instructor", "three published quizzes");
  const editor = `/instructor/quizzes/${encodeURIComponent(quizzes.timed.id)}`;
  await walk.goto(editor);
  await page.getByTestId("quiz-code").waitFor();
  await walk.audit("/instructor/quizzes/[id]", "live, with its link and QR code");
  // LISTEN + rcv SYN enters SYN_RECEIVED: another answer brings the machine's objection inline (not saved).
  await page.getByLabel(instructorBuilder.answerState[lang], { exact: true }).first().selectOption("ESTABLISHED");
  await page.locator('[data-problem-path="questions.0.answer"]').waitFor();
  await walk.audit("/instructor/quizzes/[id]", "a wrong answer flagged inline");
  await walk.goto(`${editor}/preview`);
  await page.getByTestId("preview-questions").waitFor();
  await walk.audit("/instructor/quizzes/[id]/preview", "one seed per student");
  await walk.goto(`${editor}/results`);
  await page.getByTestId("heat-map").waitFor();
  await walk.audit("/instructor/quizzes/[id]/results", "two attempts, one timed out");
  await page.getByTestId("students-table").locator("a").first().click();
  await page.getByTestId("attempt-detail").waitFor();
  await walk.audit("/instructor/quizzes/[id]/results", "an attempt's answers open");
}

async function walkEverything(walk: Walk): Promise<void> {
  await walk.goto("/progress");
  await walk.audit("/progress", "no progress yet");
  await walk.goto("/");
  await walk.audit("/");
  await flashcards(walk);
  await quiz(walk);
  await interviewRound(walk);
  await learn(walk);
  await settings(walk);
  await instructor(walk);
  await walk.goto("/progress");
  await walk.audit("/progress", "after a review and two sessions");
  await walk.goto("/no-such-page");
  await walk.audit("(not found)");
}

/**
 * The route of each page file under app/: app/quiz/[id]/page.tsx is /quiz/[id]; app/not-found.tsx is "(not found)",
 * and a folder's own, app/q/[code]/not-found.tsx, is "/q/[code] (not found)".
 */
function appRoutes(): string[] {
  const root = join(process.cwd(), "app");
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|[\\/])(page|not-found)\.tsx$/.test(file))
    .map((file) => {
      const folders = relative(root, join(root, file)).split(sep).slice(0, -1);
      if (file.endsWith("not-found.tsx")) return folders.length === 0 ? "(not found)" : `/${folders.join("/")} (not found)`;
      return `/${folders.join("/")}`;
    })
    .sort();
}

describe("accessibility: axe-core finds no serious or critical violation", () => {
  it("the audit finds what it must (the control): grey on white, a button without a name, a page without a language", async () => {
    const context = await browser().newContext();
    await loadAxe(context);
    const page = await context.newPage();
    await page.setContent(`<html><body><main><p style="color:#aaa;background:#fff">faint</p><button></button></main></body></html>`);
    const found = (await runAxe(page)).map((violation) => `${violation.rule} (${violation.impact})`);
    expect(found).toEqual(expect.arrayContaining(["color-contrast (serious)", "button-name (critical)", "html-has-lang (serious)"]));
    await context.close();
  });

  // Concurrent up to the browser project's maxConcurrency (2); each test is one combination's whole walk.
  it.concurrent.for(COMBINATIONS)("on every page and state in $lang, $theme theme, at a $width's width", { timeout: 1_800_000 }, async (combination, { expect }) => {
    const { context, walk } = await openWalk(combination);
    await walkEverything(walk);
    await context.close();
    if (process.env.A11Y_REPORT) console.info([`${walk.label}: ${walk.lesser.length} moderate or minor`, ...walk.lesser].join("\n"));
    expect(walk.failures.length, `serious or critical accessibility violations:\n${walk.failures.join("\n")}\n`).toBe(0);
  });

  it("the walks cover every pair of choices: each language in each theme, each language at each width, each theme at each width", () => {
    const pairs = (a: (c: Combination) => string, b: (c: Combination) => string) => new Set(COMBINATIONS.map((c) => `${a(c)}+${b(c)}`)).size;
    const [lang, theme, width] = [(c: Combination) => c.lang, (c: Combination) => c.theme, (c: Combination) => c.width];
    expect(COMBINATIONS).toHaveLength(4);
    expect([pairs(lang, theme), pairs(lang, width), pairs(theme, width)]).toEqual([4, 4, 4]);
  });

  it("the walk covers every page under app/", ({ skip }) => {
    if (visited.size === 0) skip("no walk ran (filtered out)");
    expect([...visited].sort()).toEqual(appRoutes());
  });
});

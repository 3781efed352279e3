import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { answerOnScreen, submitOnScreen } from "./answer";
import { newLearner, pageErrors, useBrowser } from "./browser";
import { seedInstructor } from "./instructor-fixture";

/*
 * Issue 11, end to end in Chromium: an instructor signs in, builds a quiz
 * with a fixed and a generated question, previews and publishes it; two
 * students take it through its link, one of them after their time ran out
 * (refused by the server); the instructor sees both in the results, the heat
 * map on the state diagram, and downloads the CSV.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

function moveDeadlineIntoThePast(studentName: string): string {
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    const attempt = raw.prepare("SELECT id FROM StudySession WHERE studentName = ? ORDER BY createdAt DESC LIMIT 1").get(studentName) as { id: string };
    raw.prepare("UPDATE StudySession SET deadline = ? WHERE id = ?").run(new Date(Date.now() - 60_000).toISOString(), attempt.id);
    return attempt.id;
  } finally {
    raw.close();
  }
}

function answersOf(sessionId: string): number {
  const raw = new Database(databasePath, { readonly: true });
  try {
    return (raw.prepare("SELECT COUNT(*) AS n FROM Answer WHERE sessionId = ?").get(sessionId) as { n: number }).n;
  } finally {
    raw.close();
  }
}

/** RFC 4180 fields of a CSV line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((match) => match[1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
}

describe("an instructor's quiz, from sign-in to results", () => {
  it("is built, previewed and published, taken by two students through its link, and shows both in the results and the CSV", async () => {
    const instructor = await seedInstructor(databasePath, `flow-${Date.now()}@school.example`, "Flow Teacher");
    const { context, page } = await newLearner(browser());

    // Signing in through the form; the login page sends a signed-out visitor back to where they were going.
    await page.goto(`${appUrl}/instructor`);
    await page.waitForURL(/\/instructor\/login\?next=%2Finstructor$/);
    await page.getByLabel("Email").fill(instructor.email);
    await page.getByLabel("Password").fill(instructor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/instructor`);

    // A new quiz: it starts with a generated slot; add a fixed question, a title and a time limit (long enough for a busy machine: Bo runs out of it because his deadline is moved).
    await page.getByRole("navigation", { name: "Instructor" }).getByRole("button", { name: "New quiz" }).click();
    await page.waitForURL(/\/instructor\/quizzes\/[^/]+$/);
    const quizId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.getByLabel("Title (Chinese)").fill("关闭过程小测");
    await page.getByLabel("Title (English)").fill("Closing quiz");
    await page.getByRole("button", { name: "Add a question" }).click();
    await page.getByLabel("Prompt (Chinese)").fill("处于 ESTABLISHED 的一方收到 FIN，进入什么状态？");
    await page.getByLabel("Prompt (English)").fill("In ESTABLISHED a side receives a FIN. Which state does it enter?");
    await page.getByLabel("State", { exact: true }).selectOption("ESTABLISHED");
    await page.getByLabel("Event", { exact: true }).selectOption("rcv FIN");
    await page.getByLabel("Answer: the state it enters").selectOption("CLOSE_WAIT");
    await page.getByLabel("Time limit (minutes, empty for none)").fill("60");
    await page.getByText("No problems: ready to publish.").waitFor();

    await page.getByRole("button", { name: "Preview" }).click();
    await page.waitForURL(/\/preview/);
    const preview = page.getByTestId("preview-questions").locator(":scope > li");
    expect(await preview.count()).toBe(6);
    expect(await preview.first().getByTestId("preview-answer").textContent()).toBe("CLOSE_WAIT");
    await page.getByRole("link", { name: "Back to the editor" }).click();
    await page.waitForURL(/\/instructor\/quizzes\/[^/]+$/);
    await page.getByRole("button", { name: "Publish" }).click();
    const codeText = page.getByTestId("quiz-code");
    await codeText.waitFor();
    const code = (await codeText.textContent())!;

    // Two students, each in their own browser, through the link.
    const students = [await newLearner(browser()), await newLearner(browser())];
    for (const [student, name] of [
      [students[0]!, "Ada"],
      [students[1]!, "Bo"],
    ] as const) {
      await student.page.goto(`${appUrl}/q/${code}`);
      await student.page.getByLabel("Your name").fill(name);
      await student.page.getByRole("button", { name: "Start" }).click();
      await student.page.waitForURL(/\/quiz\/[^/]+$/);
      await student.page.getByTestId("time-left").waitFor();
    }
    const ada = students[0]!.page;
    for (let n = 0; n < 6; n++) {
      await answerOnScreen(ada);
      await ada.getByTestId("answer-panel").waitFor();
      await ada.keyboard.press("Enter");
    }
    await ada.getByTestId("session-summary").waitFor();

    // Bo's time runs out on the server: his answer is refused and nothing of it is stored.
    const boAttempt = moveDeadlineIntoThePast("Bo");
    const bo = students[1]!.page;
    await submitOnScreen(bo);
    await bo.getByRole("alert").filter({ hasText: "Time is up" }).first().waitFor();
    expect(answersOf(boAttempt)).toBe(0);

    // The instructor's results: both students, the heat map on the state diagram, the CSV.
    await page.goto(`${appUrl}/instructor/quizzes/${encodeURIComponent(quizId)}/results`);
    const table = page.getByTestId("students-table");
    await table.waitFor();
    expect(await table.getByRole("row").filter({ hasText: "Ada" }).count()).toBe(1);
    expect(await table.getByRole("row").filter({ hasText: "Bo" }).count()).toBe(1);
    const heatMap = page.getByTestId("heat-map");
    expect(await heatMap.locator("svg").count()).toBeGreaterThan(0);
    const transitions = heatMap.getByTestId("transition-table");
    expect(await transitions.getByRole("row").filter({ hasText: "ESTABLISHED" }).filter({ hasText: "rcv FIN" }).count()).toBe(1);

    const csv = await page.evaluate(async (id) => {
      const reply = await fetch(`/api/instructor/quizzes/${encodeURIComponent(id)}/results.csv`);
      return { status: reply.status, type: reply.headers.get("content-type"), text: await reply.text() };
    }, quizId);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    const names = lines.slice(1).map((line) => csvFields(line)[0]);
    expect(names.sort()).toEqual(["Ada", "Bo"]);

    for (const open of [page, ada, bo]) expect(pageErrors(open)).toEqual([]);
    for (const student of students) await student.context.close();
    await context.close();
  });
});

import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { resolveQuestion, type QuestionRef } from "@/lib/questions";
import { answerOnScreen } from "./answer";
import { newLearner, pageErrors, useBrowser } from "./browser";
import { seedInstructor } from "./instructor-fixture";

/*
 * Issue 12, part 5, in Chromium: an instructor uploads a capture and adds a
 * slot from a shipped sample in the builder, publishes, and a student
 * answers capture questions through the quiz's link; the server marks them.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();
const SAMPLE_FILE = "content/captures/handshake-data-close.pcapng";

function attemptOf(studentName: string): { id: string; refs: QuestionRef[] } {
  const raw = new Database(databasePath, { readonly: true });
  try {
    const row = raw.prepare("SELECT id, questions FROM StudySession WHERE studentName = ? ORDER BY createdAt DESC LIMIT 1").get(studentName) as { id: string; questions: string };
    return { id: row.id, refs: JSON.parse(row.questions) as QuestionRef[] };
  } finally {
    raw.close();
  }
}

function answersOf(sessionId: string): { position: number; kind: string; correct: number }[] {
  const raw = new Database(databasePath, { readonly: true });
  try {
    return raw.prepare("SELECT position, kind, correct FROM Answer WHERE sessionId = ? ORDER BY position").all(sessionId) as { position: number; kind: string; correct: number }[];
  } finally {
    raw.close();
  }
}

describe("a quiz with questions from a capture", () => {
  it("is built with an upload and a sample, published, and answered by a student through its link", async () => {
    const instructor = await seedInstructor(databasePath, `capture-${Date.now()}@school.example`, "Capture Teacher");
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/instructor/login?next=%2Finstructor`);
    await page.getByLabel("Email").fill(instructor.email);
    await page.getByLabel("Password").fill(instructor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/instructor`);
    await page.getByRole("navigation", { name: "Instructor" }).getByRole("button", { name: "New quiz" }).click();
    await page.waitForURL(/\/instructor\/quizzes\/[^/]+$/);
    await page.getByLabel("Title (Chinese)").fill("抓包小测");
    await page.getByLabel("Title (English)").fill("Capture quiz");
    // Only questions from captures: the starter's generated slot goes.
    await page.getByRole("button", { name: /^Remove: / }).first().click();

    // An upload: it joins "My uploads" and gets a slot of its own, its connection listed from the server's replay.
    const bytes = readFileSync(SAMPLE_FILE);
    await page.getByLabel("Upload a capture (pcap or pcapng, at most 32 MB)").setInputFiles({ name: "lesson.pcapng", mimeType: "application/octet-stream", buffer: bytes });
    await page.getByTestId("capture-upload-status").filter({ hasText: "Uploaded lesson.pcapng: TCP connections in it: 1." }).waitFor();
    const first = page.getByRole("region", { name: "Capture slot 1" });
    expect(await first.getByLabel("Connection", { exact: true }).locator("option:checked").textContent()).toBe("1: 127.0.0.1:43800 → 127.0.0.1:40801, 10 segments");
    await first.getByLabel("Number of questions").fill("2");

    // A sample, picked from the list.
    await page.getByRole("button", { name: "Add a capture slot" }).click();
    const second = page.getByRole("region", { name: "Capture slot 2" });
    await second.getByLabel("Capture", { exact: true }).selectOption("sample:half-close-ipv6.pcap");
    expect(await second.getByLabel("Connection", { exact: true }).locator("option:checked").textContent()).toBe("1: [::1]:45746 → [::1]:40821, 14 segments");
    await second.getByLabel("Number of questions").fill("1");
    await page.getByText("No problems: ready to publish.").waitFor();

    await page.getByRole("button", { name: "Publish" }).click();
    const codeText = page.getByTestId("quiz-code");
    await codeText.waitFor();
    const code = (await codeText.textContent())!;

    const student = await newLearner(browser());
    await student.page.goto(`${appUrl}/q/${code}`);
    await student.page.getByLabel("Your name").fill("Cap");
    await student.page.getByRole("button", { name: "Start" }).click();
    await student.page.waitForURL(/\/quiz\/[^/]+$/);
    const attempt = attemptOf("Cap");
    expect(attempt.refs.map((ref) => ref.source)).toEqual(["capture", "capture", "capture"]);

    // The first answered rightly (the machine's answer from the same bytes), the rest as a person might.
    const captures = new Map<string, Uint8Array>([
      [(attempt.refs[0] as { capture: string }).capture, new Uint8Array(bytes)],
      ["sample:half-close-ipv6.pcap", new Uint8Array(readFileSync("content/captures/half-close-ipv6.pcap"))],
    ]);
    const question = resolveQuestion(attempt.refs[0]!, { states: [], whyCards: [], captures }, [])!;
    const shown = student.page.getByTestId("question");
    await shown.waitFor();
    expect(await shown.textContent()).toContain("lesson.pcapng, connection 1");
    if (question.input === "number") {
      await shown.getByLabel("Your answer", { exact: true }).fill(String(question.answer));
      await shown.getByLabel("Your answer", { exact: true }).press("Enter");
    } else {
      await shown.locator(`input[type=radio][value="${String(question.answer)}"]`).check();
      await shown.getByRole("button", { name: /^Submit/ }).click();
    }
    expect(await student.page.getByTestId("answer-panel").getAttribute("data-correct")).toBe("true");
    for (let n = 1; n < 3; n++) {
      await student.page.keyboard.press("Enter");
      await answerOnScreen(student.page);
    }
    const answers = answersOf(attempt.id);
    expect(answers.map((answer) => answer.kind)).toEqual(["capture", "capture", "capture"]);
    expect(answers[0]!.correct).toBe(1);

    for (const open of [page, student.page]) expect(pageErrors(open)).toEqual([]);
    await student.context.close();
    await context.close();
  });
});

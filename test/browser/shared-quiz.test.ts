import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { seedSharedQuiz } from "../server/shared-quiz-seed";
import { answerOnScreen, submitOnScreen } from "./answer";
import { newLearner, pageErrors, useBrowser } from "./browser";

/*
 * Issue 11: two students take a shared quiz through its link, each in their
 * own browser; one runs out of time and the server refuses their answer.
 * The quiz is seeded straight into the app's database, as a publish leaves it.
 */

const appUrl = inject("appUrl");
const db = createPrismaClient(`file:${inject("databasePath")}`);
const browser = useBrowser();

afterAll(async () => {
  await db.$disconnect();
});

describe("a shared quiz at /q/<code>", () => {
  it("two students give names and take it; the one whose time ran out is refused by the server", async () => {
    const { code, versionId } = await seedSharedQuiz(db, { settings: { timeLimitMinutes: 30, attempts: 2 } });
    const ada = await newLearner(browser());
    const bo = await newLearner(browser());

    for (const [student, name] of [
      [ada, "Ada"],
      [bo, "Bo"],
    ] as const) {
      await student.page.goto(`${appUrl}/q/${code.toLowerCase()}`);
      expect(await student.page.getByRole("heading", { level: 1 }).textContent()).toBe("Class quiz");
      expect(await student.page.getByTestId("attempts-used").textContent()).toBe("0 of 2 used");
      await student.page.getByLabel("Your name").fill(name);
      await student.page.getByRole("button", { name: "Start" }).click();
      await student.page.waitForURL(/\/quiz\/[^/]+$/);
      await student.page.getByTestId("time-left").waitFor();
      expect(await student.page.getByTestId("attempt-of").textContent()).toBe(`${name} · attempt 1`);
    }

    // Ada answers every question in time and sees her score.
    for (let n = 0; n < 3; n++) {
      await answerOnScreen(ada.page);
      await ada.page.getByTestId("answer-panel").waitFor();
      await ada.page.keyboard.press("Enter");
    }
    await ada.page.getByTestId("session-summary").waitFor();
    expect(await ada.page.getByTestId("session-score").textContent()).toMatch(/^[\d.]+ \/ 3$/);

    // Bo's time runs out on the server before he answers (a limit long enough for Ada on a busy machine; his deadline is moved).
    const attempt = await db.studySession.findFirstOrThrow({ where: { quizVersionId: versionId, studentName: "Bo" } });
    const deadline = new Date(Date.now() - 10_000);
    await db.studySession.update({ where: { id: attempt.id }, data: { deadline } });
    await submitOnScreen(bo.page);
    const refused = bo.page.getByRole("alert").filter({ hasText: "Time is up" });
    await refused.first().waitFor();
    expect(await bo.page.getByTestId("answer-panel").count()).toBe(0);
    expect(await db.answer.count({ where: { sessionId: attempt.id } })).toBe(0);
    expect((await db.studySession.findUniqueOrThrow({ where: { id: attempt.id } })).finishedAt).toEqual(deadline);

    // Each sees only their own attempt: Bo's session is a 404 for Ada.
    const other = await ada.page.goto(`${appUrl}/quiz/${attempt.id}`);
    expect(other?.status()).toBe(404);
    // Back at the link, Bo has used one of his two attempts.
    await bo.page.goto(`${appUrl}/q/${code}`);
    expect(await bo.page.getByTestId("attempts-used").textContent()).toBe("1 of 2 used");

    expect(pageErrors(ada.page)).toEqual([]);
    expect(pageErrors(bo.page)).toEqual([]);
    await ada.context.close();
    await bo.context.close();
  });

  it("an unknown code is a 404 page saying so", async () => {
    const { context, page } = await newLearner(browser());
    const reply = await page.goto(`${appUrl}/q/NO-SUCH-CODE`);
    expect(reply?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("No quiz has this code");
    await context.close();
  });
});

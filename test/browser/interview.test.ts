import { describe, expect, inject, it } from "vitest";
import { answerOnScreen } from "./answer";
import { newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("interview mode", () => {
  it("a timed round of why questions, self-graded, each followed by a follow-up, ends in what to revise", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/interview`);
    await page.getByLabel("Questions (each why with one follow-up)").selectOption("4");
    await page.getByRole("button", { name: "Start the interview" }).click();
    await page.waitForURL(/\/interview\/[a-z0-9]+$/);
    expect(await page.getByRole("timer").textContent()).toMatch(/Time left: 1[45]:\d\d/);

    // Why, the interviewer's follow-up to it (every why card has one: graded against its own key points), why.
    const firstQuestion = await page.getByTestId("question").textContent();
    expect(await answerOnScreen(page)).toBe("self-grade");
    await page.keyboard.press("Enter");
    await page.getByTestId("question").getByText("Follow-up").waitFor();
    expect(await page.getByTestId("question").textContent()).not.toBe(firstQuestion);
    expect(await answerOnScreen(page)).toBe("self-grade");
    await page.keyboard.press("Enter");
    expect(await answerOnScreen(page)).toBe("self-grade");

    await page.getByRole("button", { name: "End the interview" }).click();
    const summary = page.getByTestId("session-summary");
    await summary.waitFor();
    expect(await summary.getByRole("heading", { name: "Interview summary" }).isVisible()).toBe(true);
    expect(await summary.getByRole("heading", { name: "What to revise" }).isVisible()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

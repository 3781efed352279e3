import { describe, expect, inject, it } from "vitest";
import { QUESTION_KINDS } from "@/lib/questions/question";
import { answerOnScreen } from "./answer";
import { newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("a quiz with every kind of question", () => {
  it("each kind has its input; each answer shows the verdict, the explanation and, for scenarios, the diagram", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/quiz`);
    const id = await page.evaluate(async (kinds) => {
      const reply = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "quiz", length: kinds.length, kinds }) });
      return (await reply.json()).id as string;
    }, [...QUESTION_KINDS]);
    await page.goto(`${appUrl}/quiz/${id}`);

    const seen = new Set<string>();
    for (let n = 0; n < QUESTION_KINDS.length; n++) {
      const question = page.getByTestId("question");
      await question.waitFor();
      const kind = (await question.getAttribute("data-kind"))!;
      seen.add(kind);
      await answerOnScreen(page);
      const panel = page.getByTestId("answer-panel");
      expect(await panel.locator(".verdict").textContent()).toMatch(/Right|Wrong|Partly right/);
      expect(await panel.getByRole("heading", { name: "Explanation" }).count(), kind).toBe(1);
      if (["segment", "order", "which-side", "what-if", "trace-gap"].includes(kind)) {
        expect(await panel.locator("svg").count(), `${kind} shows the trace`).toBeGreaterThan(0);
      }
      await page.keyboard.press("Enter");
    }
    expect([...seen].sort()).toEqual([...QUESTION_KINDS].sort());
    const summary = page.getByTestId("session-summary");
    await summary.waitFor();
    expect(await page.getByTestId("session-score").textContent()).toMatch(/^[\d.]+ \/ 11$/);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("the setup form starts a quiz on the chosen topics", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/quiz`);
    await page.getByRole("checkbox", { name: "Handshake", exact: true }).check();
    await page.getByLabel("Length", { exact: true }).selectOption("5");
    await page.getByRole("button", { name: "Start quiz" }).click();
    await page.waitForURL(/\/quiz\/[a-z0-9]+$/);
    expect(await page.getByText("Question 1 of 5").isVisible()).toBe(true);
    await context.close();
  });

  it("someone else's quiz is not found", async () => {
    const first = await newLearner(browser());
    await first.page.goto(`${appUrl}/quiz`);
    const id = await first.page.evaluate(async () => {
      const reply = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ length: 3 }) });
      return (await reply.json()).id as string;
    });
    const second = await newLearner(browser());
    const response = await second.page.goto(`${appUrl}/quiz/${id}`);
    expect(response?.status()).toBe(404);
    const api = await second.page.request.get(`${appUrl}/api/sessions/${id}`);
    expect(api.status()).toBe(404);
    await first.context.close();
    await second.context.close();
  });
});

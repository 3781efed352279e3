import { describe, expect, inject, it } from "vitest";
import { newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("flashcard review, as a new learner would do it", () => {
  it("Space reveals, 1–4 grade with the interval on each button, Ctrl+Z takes the grade back", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/review`);
    const card = page.getByTestId("flashcard");
    await card.waitFor();
    const firstId = await card.getAttribute("data-card-id");
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("0");

    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    const buttons = page.getByRole("group", { name: "How well did you recall it?" }).getByRole("button");
    expect(await buttons.count()).toBe(4);
    expect(await buttons.nth(0).textContent()).toMatch(/Again\s*1m/);
    expect(await buttons.nth(2).textContent()).toMatch(/Good\s*10m/);

    await page.keyboard.press("3");
    await page.waitForFunction(() => document.querySelector('[data-testid="reviewed-count"]')?.textContent === "1");
    expect(await page.getByTestId("flashcard").getAttribute("data-card-id")).not.toBe(firstId);

    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => document.querySelector('[data-testid="reviewed-count"]')?.textContent === "0");
    expect(await page.getByTestId("flashcard").getAttribute("data-card-id")).toBe(firstId);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

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

  it("the next card shows before the server has stored the grade; a grade it does not store comes back with the error", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/review`);
    const card = page.getByTestId("flashcard");
    await card.waitFor();
    const first = await card.getAttribute("data-card-id");

    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/review/grade", async (route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("3");
    await page.waitForFunction((id) => document.querySelector('[data-testid="flashcard"]')?.getAttribute("data-card-id") !== id, first);
    expect(await page.locator('[data-saving="true"]').count()).toBe(1);
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("1");
    release();
    await page.locator('[data-saving="false"]').waitFor();
    const second = await card.getAttribute("data-card-id");
    expect(second).not.toBe(first);

    await page.unroute("**/api/review/grade");
    await page.route("**/api/review/grade", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: "internal error" }) }));
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("3");
    const alert = page.locator('[role="alert"].error-text');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("That grade was not saved");
    expect(await card.getAttribute("data-card-id")).toBe(second);
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("1");
    expect(await page.getByTestId("card-back").count()).toBe(0);

    await page.unroute("**/api/review/grade");
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("3");
    await page.locator('[data-saving="false"]').waitFor();
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("2");
    expect(await alert.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("a learner faster than the server: four grades in flight, each next card at once, all stored in order", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/review`);
    const card = page.getByTestId("flashcard");
    await card.waitFor();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/review/grade", async (route) => {
      await held;
      await route.continue();
    });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push((await card.getAttribute("data-card-id"))!);
      await page.keyboard.press("Space");
      await page.getByTestId("card-back").waitFor();
      await page.keyboard.press("3");
      if (i < 3) await page.waitForFunction((id) => document.querySelector('[data-testid="flashcard"]')?.getAttribute("data-card-id") !== id, seen[i]);
    }
    // The page held four cards; with every grade still on its way it waits, rather than saying it is done.
    expect(new Set(seen).size).toBe(4);
    expect(await card.count()).toBe(0);
    expect(await page.getByTestId("review-done").count()).toBe(0);
    release();
    await card.waitFor();
    expect(seen).not.toContain(await card.getAttribute("data-card-id"));
    await page.locator('[data-saving="false"]').waitFor();
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("4");
    await page.unroute("**/api/review/grade");
    await page.reload();
    await card.waitFor();
    expect(await page.getByTestId("reviewed-count").textContent()).toBe("4");
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});

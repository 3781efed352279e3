import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { newLearner, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("progress and settings", () => {
  it("after a review the progress page shows the forecast and the calendar, and the learner can name themselves and export", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/progress`);
    expect(await page.getByRole("heading", { name: "No progress yet" }).isVisible()).toBe(true);

    await page.goto(`${appUrl}/review`);
    await page.getByTestId("flashcard").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("card-back").waitFor();
    await page.keyboard.press("4");
    await page.waitForFunction(() => document.querySelector('[data-testid="reviewed-count"]')?.textContent === "1");
    await page.locator('[data-saving="false"]').waitFor();

    await page.goto(`${appUrl}/progress`);
    expect(await page.getByRole("heading", { name: "Cards due in the next 30 days" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Activity in the last 26 weeks" }).isVisible()).toBe(true);
    expect(await page.locator("main svg").count()).toBeGreaterThan(1);

    await page.goto(`${appUrl}/settings`);
    await page.getByLabel("Display name").fill("Ada");
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText(/saved/i).first().waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download progress file" }).click()]);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(file.learner.displayName).toBe("Ada");
    expect(file.reviews).toHaveLength(1);
    expect(JSON.stringify(file)).not.toContain("tokenHash");
    await context.close();
  });

  it("a bad request body is a 400 with the field, never a 500", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(appUrl);
    const bad = await page.request.post(`${appUrl}/api/review/grade`, { data: { cardId: "x", grade: "perfect" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).fields.grade).toMatch(/grade must be one of/);
    const notJson = await page.request.post(`${appUrl}/api/sessions`, { headers: { "content-type": "application/json" }, data: "{nope" });
    expect(notJson.status()).toBe(400);
    await context.close();
  });
});

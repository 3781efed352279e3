import { describe, expect, inject, it } from "vitest";
import { PHONE, newLearner, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("both languages", () => {
  it("the first visit follows the browser's language", async () => {
    const { context, page } = await newLearner(browser(), { locale: "zh-CN" });
    await page.goto(appUrl);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "抽认卡" }).isVisible()).toBe(true);
    await context.close();
  });

  it("the switch changes every page's language and is remembered", async () => {
    const { context, page } = await newLearner(browser(), { locale: "en-US", viewport: PHONE });
    await page.goto(`${appUrl}/quiz`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Quiz");
    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("测验");
    expect(await page.getByRole("button", { name: "中文" }).getAttribute("aria-pressed")).toBe("true");
    await page.goto(`${appUrl}/review`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("抽认卡复习");
    await page.getByRole("button", { name: "EN" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Flashcard review");
    await context.close();
  });

  it("the theme can be set to dark", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(appUrl);
    await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.reload();
    expect(await page.getAttribute("html", "data-theme")).toBe("dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(18, 20, 23)");
    await context.close();
  });
});

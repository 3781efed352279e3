import { describe, expect, inject, it } from "vitest";
import { PHONE, newLearner, pageErrors, useBrowser } from "./browser";

const appUrl = inject("appUrl");
const browser = useBrowser();

describe("the scenario player", () => {
  it("steps forward and back with the keys, and dropping a segment changes what happens", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/scenarios?name=close-client-first`);
    const player = page.getByTestId("scenario-player");
    await player.waitFor();
    // The keys work once React has hydrated the player and run its effects: before that a key press is lost.
    await page.waitForFunction(() => {
      const element = document.querySelector('[data-testid="step-forward"]');
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactFiber"));
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const client = page.getByTestId("client-state");
    const server = page.getByTestId("server-state");
    expect(await client.textContent()).toContain("ESTABLISHED");

    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector('[data-testid="client-state"]')?.textContent?.includes("FIN_WAIT_1"));
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector('[data-testid="server-state"]')?.textContent?.includes("CLOSE_WAIT"));
    expect(await page.getByTestId("step-event").textContent()).toMatch(/server/i);
    await page.keyboard.press("ArrowLeft");
    await page.waitForFunction(() => document.querySelector('[data-testid="server-state"]')?.textContent?.includes("ESTABLISHED"));

    // Drop the client's FIN: after two steps the server has still heard nothing.
    await page.getByTestId("drop-controls").getByRole("checkbox").first().check();
    const counter = await page.getByTestId("step-counter").textContent();
    expect(counter).toMatch(/Step \d+ of \d+/);
    for (let i = 0; i < 2; i++) await page.getByTestId("step-forward").click();
    expect(await server.textContent()).toContain("ESTABLISHED");
    expect(await page.getByTestId("sequence-diagram").textContent()).toMatch(/lost/);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("works at a phone's width", async () => {
    const { context, page } = await newLearner(browser(), { viewport: PHONE });
    await page.goto(`${appUrl}/learn/scenarios?name=open`);
    await page.getByTestId("step-forward").click();
    expect(await page.getByTestId("client-state").textContent()).toContain("SYN_SENT");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await context.close();
  });
});

describe("notes and the state diagram", () => {
  it("a note renders its Markdown with checked-claim badges, and no HTML from content", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn`);
    await page.getByTestId("note-list").getByRole("link").first().click();
    await page.getByTestId("note").waitFor();
    expect(await page.getByTestId("claim").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=note] script").count()).toBe(0);
    await context.close();
  });

  it("selecting a state in the diagram lists its transitions", async () => {
    const { context, page } = await newLearner(browser());
    await page.goto(`${appUrl}/learn/diagram`);
    await page.getByTestId("state-diagram").getByRole("button", { name: /FIN_WAIT_1/ }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="current-state"]')?.textContent === "FIN_WAIT_1");
    expect(await page.getByTestId("state-panel").textContent()).toContain("CLOSING");
    await context.close();
  });
});

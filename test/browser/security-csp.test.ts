import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { newLearner, pageErrors, useBrowser } from "./browser";
import { PAYLOADS, watchForScript } from "./security-payloads";
import { HTTPS_ORIGIN, serveAsHttps } from "./security-requests";

/*
 * The CSP in Chromium: every page still hydrates under it, and markup that got
 * past React would be inert. A nonce-based policy fails quietly (a page that
 * renders but never hydrates), so each page is asked whether React took it over.
 */

const appUrl = inject("appUrl");
const browser = useBrowser();

const PAGES = ["/", "/review", "/quiz", "/interview", "/learn", "/learn/three-way-handshake", "/learn/diagram", "/learn/scenarios?name=lost-last-ack", "/learn/capture", "/progress", "/settings"];

/** React hydrated the document: the root it hydrates into carries React's container key. */
function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => Object.keys(document).some((key) => key.startsWith("__reactContainer")));
}

async function newSession(page: Page, config: Record<string, unknown>): Promise<string> {
  return page.evaluate(async (body) => {
    const reply = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return ((await reply.json()) as { id: string }).id;
  }, config);
}

describe("the CSP in Chromium", () => {
  it("the hydration check tells a page without its scripts from one with them", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${appUrl}/learn`);
    expect(await hydrated(page)).toBe(false);
    await context.close();
  });

  it.each(["en-US", "zh-CN"])("every page in %s hydrates with no CSP violation, no page error and no console error", async (locale) => {
    const { context, page } = await newLearner(browser(), { locale });
    const watch = await watchForScript(context);
    const console: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") console.push(`${message.type()}: ${message.text()}`);
    });
    await page.goto(appUrl);
    const quiz = await newSession(page, { length: 3 });
    const interview = await newSession(page, { mode: "interview", length: 4 });
    for (const path of [...PAGES, `/quiz/${quiz}`, `/interview/${interview}`]) {
      await page.goto(`${appUrl}${path}`, { waitUntil: "networkidle" });
      expect(await hydrated(page), path).toBe(true);
      expect(await watch.violations(page), path).toEqual([]);
    }
    // The not-found page too; its only console error is the browser reporting the 404 itself.
    await page.goto(`${appUrl}/no-such-page`, { waitUntil: "networkidle" });
    expect(await hydrated(page)).toBe(true);
    expect(await watch.violations(page)).toEqual([]);
    expect(console.filter((line) => !line.includes("status of 404"))).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("navigating between pages in the client, which loads each page's chunks as it goes, breaks nothing", async () => {
    const { context, page } = await newLearner(browser());
    const watch = await watchForScript(context);
    await page.goto(appUrl);
    const navigation = page.getByRole("navigation", { name: "Main" });
    for (const [link, heading] of [
      ["Learn", "Learn"],
      ["Progress", "Progress"],
      ["Flashcards", "Flashcard review"],
      ["Quiz", "Quiz"],
      ["Settings", "Settings"],
    ] as const) {
      await navigation.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
    }
    // Still one document: no click fell back to a full page load.
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);
    expect(await watch.violations(page)).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it("behind HTTPS (HSTS, upgrade-insecure-requests) every page hydrates with no violation", async () => {
    const context = await browser().newContext({ locale: "en-US" });
    await serveAsHttps(context, appUrl);
    const watch = await watchForScript(context);
    const page = await context.newPage();
    for (const path of PAGES) {
      const reply = await page.goto(`${HTTPS_ORIGIN}${path}`, { waitUntil: "networkidle" });
      expect(reply?.headers()["strict-transport-security"], path).toBe("max-age=31536000");
      expect(await hydrated(page), path).toBe(true);
      expect(await watch.violations(page), path).toEqual([]);
    }
    await context.close();
  });

  describe("markup that got past React is inert", () => {
    /**
     * Puts each payload into <main> twice, the ways a bug that bypassed React's escaping would (innerHTML, and a
     * contextual fragment, which unlike innerHTML runs a <script>), then clicks the javascript: links.
     */
    async function inject(page: Page) {
      await page.evaluate((payloads) => {
        const target = document.querySelector("main")!;
        for (const html of payloads) {
          const holder = document.createElement("div");
          holder.innerHTML = html;
          target.append(holder, document.createRange().createContextualFragment(html));
        }
        for (const link of target.querySelectorAll<HTMLAnchorElement>("a[href^='javascript:']")) link.click();
      }, Object.values(PAYLOADS));
    }

    it("on a page without SynAck's CSP the payloads run (the control)", async () => {
      const context = await browser().newContext();
      const watch = await watchForScript(context);
      const page = await context.newPage();
      await page.setContent("<main></main>");
      await inject(page);
      // Each alert shows its payload's number. All but the SVG: Chromium fires no load event for an <svg> built from markup.
      const numbers = (payloads: string[]) => payloads.map((html) => /__xss=(\d)/.exec(html)![1]!);
      const expected = new Set(numbers(Object.values(PAYLOADS).filter((html) => html !== PAYLOADS.svg)));
      await expect.poll(() => new Set(watch.dialogs), { timeout: 120_000 }).toEqual(expected);
      expect(await watch.flag(page)).toBeDefined();
      await context.close();
    });

    it("on SynAck's pages the browser refuses every one: nothing ran, no dialog, each refusal reported", async () => {
      const { context, page } = await newLearner(browser());
      const watch = await watchForScript(context);
      await page.goto(`${appUrl}/learn`, { waitUntil: "networkidle" });
      // Markup added to <main> while React is still hydrating it is a hydration mismatch (React error #418), not a
      // refusal: seen once on a busy machine. Hydration claims every server-rendered element, so wait until it has.
      await page.waitForFunction(() => {
        const main = document.querySelector("main");
        return main !== null && [main, ...main.querySelectorAll("*")].every((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber")));
      });
      await inject(page);
      // Refused as they come: at least 6 inline handlers (img, breakout, details, each twice) and 5 scripts (the
      // fragment's <script>, two javascript: links, two javascript: iframes).
      await page.waitForFunction(() => {
        const seen = (window as unknown as { __violations: string[] }).__violations;
        return seen.filter((line) => line.startsWith("script-src-attr")).length >= 6 && seen.filter((line) => line.startsWith("script-src-elem")).length >= 5;
      });
      expect(await watch.flag(page)).toBeUndefined();
      expect(watch.dialogs).toEqual([]);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    });
  });
});

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { NextConfig } from "next";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { instructorResults } from "@/lib/i18n/messages/instructor-results";
import { learn } from "@/lib/i18n/messages/learn";
import { progress } from "@/lib/i18n/messages/progress";
import { htmlToText } from "@/lib/interchange/html-text";
import { newLearner, useBrowser } from "./browser";
import { seedInstructor, seedPublishedQuiz } from "./instructor-fixture";
import { rawRequest } from "./security-requests";

/*
 * Every page names itself before it shows anything: its <title> is in the <head> of the first bytes sent
 * (next.config.js, htmlLimitedBots), not streamed after the content as Next does by default. A page loaded
 * under load in CI was shown, and audited by axe, before its streamed title had arrived.
 *
 * Next streams the title only when generateMetadata is still running once the content is ready, which on an
 * idle machine it never is: the pages below pass either way. The first test is the one that fails when the
 * setting goes; by hand, with generateMetadata slowed by 3 s, Chromium showed /learn's heading with an empty
 * title without it, and with it the heading came with the title.
 */

const appUrl = inject("appUrl");
const databasePath = inject("databasePath");
const browser = useBrowser();

/** Chromium's own User-Agent: Next decides per User-Agent where the title goes. */
let userAgent = "";
let pages: { path: string; cookie: string; title?: string }[] = [];

beforeAll(async () => {
  const probe = await browser().newPage();
  userAgent = await probe.evaluate(() => navigator.userAgent);
  await probe.close();
  const file = new Database(databasePath, { readonly: true });
  const note = file.prepare('SELECT id, titleEn FROM Note WHERE active = 1 ORDER BY "order" LIMIT 1').get() as { id: string; titleEn: string };
  file.close();
  const instructor = await seedInstructor(databasePath, `titles-${Date.now()}@example.edu`);
  const quiz = seedPublishedQuiz(databasePath, instructor.id);
  const en = "synack_lang=en";
  const zh = "synack_lang=zh";
  pages = [
    { path: "/", cookie: en, title: "SynAck" },
    { path: "/review", cookie: en },
    { path: "/quiz", cookie: zh },
    { path: "/interview", cookie: en },
    { path: "/learn", cookie: zh, title: `${learn.learnTitle.zh} · SynAck` },
    { path: `/learn/${note.id}`, cookie: en, title: `${note.titleEn} · SynAck` },
    { path: "/learn/diagram", cookie: en },
    { path: "/learn/scenarios?name=lost-last-ack", cookie: zh },
    { path: "/learn/capture", cookie: en },
    { path: "/progress", cookie: en, title: `${progress.title.en} · SynAck` },
    { path: "/settings", cookie: zh },
    { path: "/no-such-page", cookie: en },
    { path: "/instructor/login", cookie: en },
    { path: "/instructor", cookie: `${zh}; ${instructor.cookie}` },
    { path: `/instructor/quizzes/${quiz.id}`, cookie: `${en}; ${instructor.cookie}` },
    { path: `/instructor/quizzes/${quiz.id}/results?sort=name&page=1&attempt=none`, cookie: `${zh}; ${instructor.cookie}`, title: `${instructorResults.title.zh} · SynAck` },
    { path: `/q/${quiz.code}`, cookie: en },
  ];
});

describe("page titles", () => {
  it("Next is told to send every browser the title first", async () => {
    // By its path: next.config.js is plain JavaScript, without types to import it by name.
    const nextConfig = ((await import(pathToFileURL(resolve("next.config.js")).href)) as { default: NextConfig }).default;
    expect(nextConfig.htmlLimitedBots).toBeInstanceOf(RegExp);
    expect(nextConfig.htmlLimitedBots!.test(userAgent)).toBe(true);
    expect(nextConfig.htmlLimitedBots!.test("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1")).toBe(true);
  });

  it("every page's <title> is in the <head> the server sends first, once, and names the page", async () => {
    for (const { path, cookie, title } of pages) {
      const reply = await rawRequest(appUrl, path, { headers: { "user-agent": userAgent, cookie } });
      expect([200, 404], path).toContain(reply.status);
      const html = reply.body.toString();
      const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
      // In the body, <title> is an SVG's accessible name (the diagrams'): the document's title is the head's.
      const titles = [...head.matchAll(/<title>([^<]*)<\/title>/g)].map(([, text]) => text!);
      expect(titles, `${path}: one <title> in the <head>`).toHaveLength(1);
      expect(titles[0]!.trim(), `${path}: a title that says something`).not.toBe("");
      if (title) expect(htmlToText(titles[0]!), path).toBe(title);
    }
  });

  it("a page loaded in Chromium has its title before its content", async () => {
    const { context, page } = await newLearner(browser());
    for (const path of ["/learn", "/progress"]) {
      // "commit": the first bytes arrived; the content is parsed after the head, so a title streamed later is missing here.
      await page.goto(`${appUrl}${path}`, { waitUntil: "commit" });
      await page.locator("main h1").waitFor({ state: "attached" });
      expect(await page.title(), path).toMatch(/\S · SynAck$/);
    }
    await context.close();
  });
});

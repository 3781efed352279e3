import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

/*
 * Screenshots of every page, at desktop and phone width, in both languages:
 *   npx tsx scripts/screenshots.ts http://localhost:3000 /tmp/shots [dark]
 * For looking at what people see; the browser tests check behaviour.
 */
const [base = "http://localhost:3000", out = "/tmp/shots", theme = "light"] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

const PAGES = ["/", "/review", "/quiz", "/interview", "/learn", "/learn/three-way-handshake", "/learn/diagram", "/learn/scenarios?name=lost-last-ack", "/progress", "/settings"];
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  for (const lang of ["en", "zh"] as const) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const context = await browser.newContext({ viewport, locale: lang === "zh" ? "zh-CN" : "en-US" });
      const host = new URL(base).hostname;
      await context.addCookies([
        { name: "synack_lang", value: lang, domain: host, path: "/" },
        { name: "synack_theme", value: theme, domain: host, path: "/" },
      ]);
      const page = await context.newPage();
      await page.goto(base);
      const quizId = await page.evaluate(async () => {
        const reply = await fetch("/api/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ length: 5, kinds: ["segment"] }) });
        return (await reply.json()).id as string;
      });
      for (const path of [...PAGES, `/quiz/${quizId}`]) {
        await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
        const name = `${path === "/" ? "home" : path.replace(/^\//, "").replace(/[/?=]/g, "-").replace(/-[a-z0-9]{20,}$/, "-session")}.${lang}.${size}.${theme}.png`;
        await page.screenshot({ path: join(out, name), fullPage: true });
        console.log(join(out, name));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}

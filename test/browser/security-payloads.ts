import type { BrowserContext, Page } from "playwright-core";

/*
 * Script carried in text, as someone would paste it into a display name, an
 * answer, a progress file or a note. Each payload, if it ever ran, would set
 * window.__xss and open an alert showing its own number; each fits a display
 * name (40 characters).
 */
export const PAYLOADS = {
  img: `<img src=x onerror=alert(__xss=1)>`,
  script: `<script>alert(__xss=2)</script>`,
  svg: `<svg onload=alert(__xss=3)>`,
  link: `<a href=javascript:alert(__xss=4)>x</a>`,
  breakout: `"><img src=x onerror=alert(__xss=5)>`,
  iframe: `<iframe src=javascript:alert(__xss=6)>`,
  details: `<details open ontoggle=alert(__xss=7)>`,
};

/** Every payload, one per line. */
export const ALL_PAYLOADS = Object.values(PAYLOADS).join("\n");

/**
 * What a page saw: each dialog opened (and dismissed, so that nothing waits on it),
 * and each CSP violation, recorded by a listener that runs before the page's own scripts in every frame.
 */
export interface Watch {
  dialogs: string[];
  violations(page: Page): Promise<string[]>;
  flag(page: Page): Promise<unknown>;
}

export async function watchForScript(context: BrowserContext): Promise<Watch> {
  const dialogs: string[] = [];
  context.on("page", (page) =>
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    }),
  );
  await context.addInitScript(() => {
    const record: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = record;
    document.addEventListener("securitypolicyviolation", (event) => record.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`.trim()));
  });
  return {
    dialogs,
    violations: (page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    flag: (page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  };
}

/** Elements that only a payload parsed as HTML would have put in the page. */
export async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("main img[src='x'], main iframe, main script, main [onerror], main [onload], main [ontoggle], main a[href^='javascript:' i]")].map(
      (element) => element.outerHTML.slice(0, 120),
    ),
  );
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type axe from "axe-core";
import type { BrowserContext, Page } from "playwright-core";

/*
 * axe-core run inside the page as it stands. Given to each new document as an
 * init script, which the app's nonce CSP does not apply to, so that pages are
 * audited under their real policy; and compiled while the page loads rather
 * than after, which saves a good part of each stop's time.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Every document the context opens from now on has axe-core loaded. */
export async function loadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: AXE_SOURCE });
}

export type Impact = NonNullable<axe.ImpactValue>;

export interface AxeViolation {
  rule: string;
  impact: Impact;
  help: string;
  /** One CSS selector per offending element (a selector into an iframe or shadow root joined with " >> "). */
  targets: string[];
  /** axe's own summary of what is wrong with the first offending element, e.g. the contrast ratio it measured. */
  detail: string;
}

/** Every axe-core violation on the page now, of any impact. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) throw new Error(`axe-core is not loaded in ${page.url()}: open its context with loadAxe`);
  return page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? "minor",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map((part) => (Array.isArray(part) ? part.join(" >> ") : String(part))).join(" >> ")),
      detail: (violation.nodes[0]?.failureSummary ?? "").replace(/\s+/g, " ").trim(),
    }));
  });
}

/** One line a reader can act on: the rule, its impact, where, the elements (the first eight) and why. */
export function describeViolation(violation: AxeViolation, where: string): string {
  const shown = violation.targets.slice(0, 8).join(" | ");
  const more = violation.targets.length > 8 ? ` (and ${violation.targets.length - 8} more)` : "";
  return `${violation.rule} (${violation.impact}) on ${where}: ${shown}${more} — ${violation.help}. ${violation.detail}`;
}

import type { BilingualText } from "../content";
import { htmlToText, textToHtml } from "./html-text";

/** Which language an export writes: one, or both through Moodle's multilang spans. */
export type ExportLanguage = "zh" | "en" | "both";

/**
 * Bilingual text as HTML for Moodle: one language alone, or both as the
 * multi-language content filter reads them
 * (`<span lang="zh" class="multilang">…</span><span lang="en" class="multilang">…</span>`);
 * the filter shows the span of the viewer's language. Identical texts (a
 * state name) are written once.
 */
export function multilangHtml(text: BilingualText, lang: ExportLanguage): string {
  if (lang !== "both") return textToHtml(text[lang]);
  if (text.zh === text.en) return textToHtml(text.en);
  return `<span lang="zh" class="multilang">${textToHtml(text.zh)}</span><span lang="en" class="multilang">${textToHtml(text.en)}</span>`;
}

/** Plain text for places where Moodle shows no HTML (names, short answers): one language, or "zh / en". */
export function multilangPlain(text: BilingualText, lang: ExportLanguage): string {
  if (lang !== "both") return text[lang];
  return text.zh === text.en ? text.en : `${text.zh} / ${text.en}`;
}

const SPAN = /<span\s+(?:lang="(zh|en)[^"]*"\s+class="multilang"|class="multilang"\s+lang="(zh|en)[^"]*")\s*>([\s\S]*?)<\/span>/gi;

/**
 * The languages of an HTML text written with multilang spans, as plain
 * text; null when it has no zh and en spans (text in one language).
 */
export function readMultilang(html: string): BilingualText | null {
  const found: Partial<BilingualText> = {};
  for (const match of html.matchAll(SPAN)) {
    const lang = (match[1] ?? match[2])!.toLowerCase() as "zh" | "en";
    found[lang] = htmlToText(match[3]!);
  }
  return found.zh && found.en ? { zh: found.zh, en: found.en } : null;
}

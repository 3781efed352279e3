import type { TextFormat } from "gift-pegjs";
import type { BilingualText } from "../content";
import { htmlToText } from "./html-text";
import { readMultilang } from "./multilang";

/**
 * GIFT text as SynAck's plain text, by its format marker (Moodle GIFT
 * documentation: [html], [moodle], [plain], [markdown]; [moodle] when
 * none). HTML is read to plain text, Moodle's multilang spans giving both
 * languages when they are there; Markdown and plain text are kept as written
 * (content prose is plain text that may hold Markdown-like marks).
 */
export function readGiftText(value: TextFormat | null | undefined): { text: BilingualText; bilingual: boolean } {
  const raw = value?.text ?? "";
  const format = value?.format ?? "moodle";
  if (format === "html" || format === "moodle") {
    const both = readMultilang(raw);
    if (both) return { text: both, bilingual: true };
    const plain = format === "html" ? htmlToText(raw) : htmlToText(raw.replace(/\n/g, "<br>"));
    return { text: { zh: plain, en: plain }, bilingual: false };
  }
  const plain = raw.trim();
  return { text: { zh: plain, en: plain }, bilingual: false };
}

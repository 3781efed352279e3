/*
 * Plain text to and from the small HTML that Moodle and Anki take: only the
 * characters HTML gives a meaning (& < > and quotes in attributes) are
 * escaped, and line breaks become <br>. Reading back strips every tag, so an
 * imported question is always plain text.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text as HTML: & < > " escaped, each line break a <br>. */
export function textToHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char]!).replace(/\r?\n/g, "<br>");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", times: "×", minus: "−", ndash: "–", mdash: "—", hellip: "…", rarr: "→", larr: "←" };

/** HTML as plain text: <br> and block ends become line breaks, other tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|pre)>|<pre[^>]*>/gi, "\n")
    .replace(/<li[^>]*>/gi, "• ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_COOKIE = "synack_lang";

/** The HTML lang attribute for each. */
export const HTML_LANG: Record<Language, string> = { zh: "zh-CN", en: "en" };

/**
 * The first supported language in an Accept-Language header, by the
 * browser's order of preference (q values), English when none is.
 */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

export function isLanguage(value: unknown): value is Language {
  return value === "zh" || value === "en";
}

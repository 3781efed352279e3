import type { Language } from "@/lib/i18n/language";

/**
 * A quiz's date (opens, closes, results) as the learner reads it, with its time zone named so nobody misreads the hour.
 * Spelled out field by field: Intl refuses timeZoneName beside dateStyle/timeStyle (a TypeError, which was a 500).
 */
export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

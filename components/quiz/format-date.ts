import type { Language } from "@/lib/i18n/language";

/** A quiz's date (opens, closes, results) as the learner reads it, with its time zone named so nobody misreads the hour. */
export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short", timeZoneName: "short" }).format(new Date(iso));
}

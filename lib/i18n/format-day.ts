import { dayToUtcDate, type DayKey } from "../progress/local-day";
import { HTML_LANG, type Language } from "./language";

/*
 * Day keys are already local days, so they are formatted as UTC dates:
 * formatting them in any other zone could shift them by one.
 */

type DayStyle = "short" | "long" | "month" | "weekday";

const OPTIONS: Record<DayStyle, Intl.DateTimeFormatOptions> = {
  short: { month: "numeric", day: "numeric" },
  long: { year: "numeric", month: "long", day: "numeric", weekday: "short" },
  month: { month: "short" },
  weekday: { weekday: "short" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

export function formatDay(day: DayKey, lang: Language, style: DayStyle = "short"): string {
  const key = `${lang}:${style}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(HTML_LANG[lang], { ...OPTIONS[style], timeZone: "UTC" });
    cache.set(key, formatter);
  }
  return formatter.format(dayToUtcDate(day));
}

/** 0.8333 → "83%". */
export function formatPercent(ratio: number, lang: Language): string {
  return new Intl.NumberFormat(HTML_LANG[lang], { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

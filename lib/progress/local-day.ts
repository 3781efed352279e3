/*
 * Progress is counted in the learner's local days: a review at 23:30 in
 * Shanghai belongs to that evening, not to the next UTC day. A day is a
 * "YYYY-MM-DD" key in an IANA time zone (DST included, which a fixed offset
 * would get wrong twice a year); day arithmetic is done on the keys alone,
 * as UTC calendar dates, so it never depends on the server's own zone.
 */

export type DayKey = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** True for a zone name this runtime knows, such as "Asia/Shanghai" or "UTC". */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Intl formatting is most of what the progress report costs; the same slot times come back many times in one report.
const dayKeys = new Map<string, DayKey>();
const DAY_KEYS_KEPT = 20_000;

/** The local calendar day of `date` in `timeZone`. */
export function dayKey(date: Date, timeZone = "UTC"): DayKey {
  const key = `${timeZone}|${date.getTime()}`;
  const kept = dayKeys.get(key);
  if (kept) return kept;
  const parts = formatter(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const day = `${part("year")}-${part("month")}-${part("day")}`;
  if (dayKeys.size >= DAY_KEYS_KEPT) dayKeys.clear();
  dayKeys.set(key, day);
  return day;
}

/** A day key as the UTC midnight of that calendar date (for arithmetic and for formatting with timeZone "UTC"). */
export function dayToUtcDate(day: DayKey): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: DayKey, days: number): DayKey {
  return new Date(dayToUtcDate(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Math.round((dayToUtcDate(to).getTime() - dayToUtcDate(from).getTime()) / DAY_MS);
}

/** The Monday of the week holding `day` (ISO weeks, as calendars in China also start on Monday). */
export function weekStart(day: DayKey): DayKey {
  const weekday = (dayToUtcDate(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayIndex(day: DayKey): number {
  return (dayToUtcDate(day).getUTCDay() + 6) % 7;
}

/** The cookie where the browser leaves its IANA time zone for the server (see components/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = "synack_tz";

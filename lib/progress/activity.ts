import { addDays, dayKey, daysBetween, weekStart, type DayKey } from "./local-day";

export interface ActivityDay {
  day: DayKey;
  reviews: number;
  answers: number;
}

export interface ActivityCalendar {
  /** A Monday, so that the calendar's columns are whole weeks. */
  start: DayKey;
  /** Today: the last cell. */
  end: DayKey;
  /** Every day from start to end, empty days included. */
  days: ActivityDay[];
  /** The busiest day's reviews + answers, for the colour scale. */
  max: number;
  activeDays: number;
  reviews: number;
  answers: number;
}

/** A time, or a count of things that happened in one slot starting then (see progress-rows.ts). */
export type Happened = Date | { at: Date; count: number };

/** Reviews and answers per local day, only days with any. */
export function dailyActivity(reviewTimes: readonly Happened[], answerTimes: readonly Happened[], timeZone = "UTC"): Map<DayKey, ActivityDay> {
  const byDay = new Map<DayKey, ActivityDay>();
  const entry = (day: DayKey) => {
    let found = byDay.get(day);
    if (!found) byDay.set(day, (found = { day, reviews: 0, answers: 0 }));
    return found;
  };
  const add = (happened: Happened, field: "reviews" | "answers") => {
    const [time, count] = happened instanceof Date ? [happened, 1] : [happened.at, happened.count];
    entry(dayKey(time, timeZone))[field] += count;
  };
  for (const time of reviewTimes) add(time, "reviews");
  for (const time of answerTimes) add(time, "answers");
  return byDay;
}

/** The last `weeks` calendar weeks up to `today`, Monday-first, for the heatmap. */
export function activityCalendar(byDay: ReadonlyMap<DayKey, ActivityDay>, today: DayKey, weeks = 26): ActivityCalendar {
  const start = addDays(weekStart(today), -7 * (weeks - 1));
  const days: ActivityDay[] = [];
  for (let day = start; day <= today; day = addDays(day, 1)) {
    const found = byDay.get(day);
    days.push({ day, reviews: found?.reviews ?? 0, answers: found?.answers ?? 0 });
  }
  const totals = days.map((d) => d.reviews + d.answers);
  return {
    start,
    end: today,
    days,
    max: Math.max(0, ...totals),
    activeDays: totals.filter((t) => t > 0).length,
    reviews: days.reduce((sum, d) => sum + d.reviews, 0),
    answers: days.reduce((sum, d) => sum + d.answers, 0),
  };
}

/** The heatmap's shade: 0 for no activity, then 1–4 by quarters of the busiest day. */
export function activityLevel(total: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (total <= 0 || max <= 0) return 0;
  const ratio = total / max;
  if (ratio <= 0.25) return 1;
  if (ratio <= 0.5) return 2;
  if (ratio <= 0.75) return 3;
  return 4;
}

export interface Streaks {
  /** Consecutive active days up to today, or up to yesterday while today has nothing yet. */
  current: number;
  longest: number;
}

/** Streaks of days with any activity; days after `today` (a skewed clock) are ignored. */
export function streaks(activeDays: Iterable<DayKey>, today: DayKey): Streaks {
  const days = [...new Set(activeDays)].filter((day) => day <= today).sort();
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && daysBetween(days[i - 1]!, days[i]!) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const last = days.at(-1);
  const current = last !== undefined && daysBetween(last, today) <= 1 ? run : 0;
  return { current, longest };
}

/** The day totals each heatmap level 1–4 stands for, given the busiest day; null where a level holds no whole number. */
export function levelRanges(max: number): ({ from: number; to: number } | null)[] {
  return [1, 2, 3, 4].map((level) => {
    const from = Math.floor((max * (level - 1)) / 4) + 1;
    const to = Math.floor((max * level) / 4);
    return from <= to ? { from, to } : null;
  });
}

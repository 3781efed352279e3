import { addDays, dayKey, weekStart, type DayKey } from "./local-day";
import { CARD_STATE, RATING, total, type ReviewRow } from "./progress-rows";

export interface Retention {
  /** Reviews of cards that were in the review state (not new, not in learning steps). */
  reviews: number;
  /** Of those, the ones not rated Again: the card was recalled. */
  recalled: number;
  /** recalled / reviews, or null with no such reviews. */
  retention: number | null;
}

export interface WeeklyRetention extends Retention {
  /** The week's Monday. */
  weekStart: DayKey;
}

/*
 * True retention, as Anki's statistics count it: only reviews of cards that
 * had graduated to the review state say whether memory held over an
 * interval; learning steps a few minutes apart do not.
 */
function measure(reviews: readonly ReviewRow[]): Retention {
  const mature = reviews.filter((review) => review.state === CARD_STATE.review);
  const count = total(mature);
  const recalled = total(mature.filter((review) => review.rating !== RATING.again));
  return { reviews: count, recalled, retention: count > 0 ? recalled / count : null };
}

/** Retention over the `days` days before `now`. */
export function retentionSince(reviews: readonly ReviewRow[], now: Date, days = 30): Retention {
  const since = now.getTime() - days * 86_400_000;
  return measure(reviews.filter((review) => review.review.getTime() > since && review.review.getTime() <= now.getTime()));
}

/** Retention in each of the last `weeks` local calendar weeks, oldest first, the current week last. */
export function weeklyRetention(reviews: readonly ReviewRow[], now: Date, timeZone = "UTC", weeks = 12): WeeklyRetention[] {
  const thisWeek = weekStart(dayKey(now, timeZone));
  const starts = Array.from({ length: weeks }, (_, i) => addDays(thisWeek, -7 * (weeks - 1 - i)));
  const byWeek = new Map<DayKey, ReviewRow[]>(starts.map((start) => [start, []]));
  for (const review of reviews) byWeek.get(weekStart(dayKey(review.review, timeZone)))?.push(review);
  return starts.map((start) => ({ weekStart: start, ...measure(byWeek.get(start)!) }));
}

import { accuracyByState, accuracyByTopic, weakestTransitions, type Accuracy } from "./accuracy";
import { activityCalendar, dailyActivity, streaks, type ActivityCalendar, type Streaks } from "./activity";
import { dueForecast, type ForecastDay } from "./forecast";
import { dayKey, type DayKey } from "./local-day";
import { countOf, total, type ProgressRows } from "./progress-rows";
import { retentionSince, weeklyRetention, type Retention, type WeeklyRetention } from "./retention";

export interface ProgressTotals {
  /** Cards this learner has reviewed at least once. */
  cardsStudied: number;
  reviews: number;
  answers: number;
  correctAnswers: number;
  /** correctAnswers / answers, or null before the first answer. */
  accuracy: number | null;
}

/** Everything the progress page shows, as plain data. */
export interface ProgressReport {
  today: DayKey;
  timeZone: string;
  hasActivity: boolean;
  totals: ProgressTotals;
  streaks: Streaks;
  forecast: ForecastDay[];
  calendar: ActivityCalendar;
  byTopic: Accuracy[];
  byState: Accuracy[];
  weakest: Accuracy[];
  retention: { last30Days: Retention; weekly: WeeklyRetention[] };
}

export function buildProgressReport(rows: ProgressRows, now: Date, timeZone = "UTC"): ProgressReport {
  const today = dayKey(now, timeZone);
  const byDay = dailyActivity(
    rows.reviews.map((review) => ({ at: review.review, count: countOf(review) })),
    rows.answers.map((answer) => ({ at: answer.createdAt, count: countOf(answer) })),
    timeZone,
  );
  const answers = total(rows.answers);
  const correctAnswers = total(rows.answers.filter((answer) => answer.correct));
  const studied = () =>
    new Set([...rows.cardStates.filter((state) => state.reps > 0).map((state) => state.cardId), ...rows.reviews.map((review) => review.cardId)]).size;
  return {
    today,
    timeZone,
    hasActivity: rows.reviews.length + rows.answers.length + rows.cardStates.length > 0,
    totals: {
      cardsStudied: rows.cardsStudied ?? studied(),
      reviews: total(rows.reviews),
      answers,
      correctAnswers,
      accuracy: answers > 0 ? correctAnswers / answers : null,
    },
    streaks: streaks(byDay.keys(), today),
    forecast: dueForecast(rows.cardStates, now, timeZone),
    calendar: activityCalendar(byDay, today),
    byTopic: accuracyByTopic(rows.answers),
    byState: accuracyByState(rows.answers),
    weakest: weakestTransitions(rows.answers),
    retention: { last30Days: retentionSince(rows.reviews, now), weekly: weeklyRetention(rows.reviews, now, timeZone) },
  };
}

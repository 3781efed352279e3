import { describe, expect, it } from "vitest";
import { dueForecast } from "@/lib/progress/forecast";
import { buildProgressReport } from "@/lib/progress/progress-report";
import { retentionSince, weeklyRetention } from "@/lib/progress/retention";
import { at, cardState, review } from "./builders";

const now = at("2025-03-05T10:00:00Z"); // a Wednesday

describe("dueForecast", () => {
  it("counts overdue cards today, and each later card on its day", () => {
    const forecast = dueForecast(
      [
        cardState("2025-03-01T08:00:00Z", { cardId: "overdue" }),
        cardState("2025-03-05T09:00:00Z", { cardId: "due-now" }),
        cardState("2025-03-05T20:00:00Z", { cardId: "later-today" }),
        cardState("2025-03-07T08:00:00Z", { cardId: "friday" }),
        cardState("2025-04-30T08:00:00Z", { cardId: "beyond" }),
        cardState("2025-03-05T00:00:00Z", { cardId: "new", state: 0, reps: 0, lastReview: null }),
      ],
      now,
    );
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: "2025-03-05", due: 3, overdue: 1 });
    expect(forecast[2]).toEqual({ day: "2025-03-07", due: 1, overdue: 0 });
    expect(forecast.reduce((sum, day) => sum + day.due, 0)).toBe(4);
  });

  it("uses the learner's days: 20:00 UTC is tomorrow in Shanghai", () => {
    const forecast = dueForecast([cardState("2025-03-05T20:00:00Z")], now, "Asia/Shanghai");
    expect(forecast[1]).toEqual({ day: "2025-03-06", due: 1, overdue: 0 });
  });
});

describe("retention", () => {
  it("counts only reviews of cards in the review state, Again as forgotten", () => {
    const reviews = [
      review("2025-03-04T10:00:00Z", { rating: 3 }),
      review("2025-03-04T11:00:00Z", { rating: 1 }),
      review("2025-03-04T12:00:00Z", { rating: 2 }),
      review("2025-03-04T13:00:00Z", { rating: 1, state: 1 }), // a learning step
      review("2025-03-04T14:00:00Z", { rating: 3, state: 0 }), // a new card
      review("2025-01-01T10:00:00Z", { rating: 1 }), // older than 30 days
    ];
    expect(retentionSince(reviews, now)).toEqual({ reviews: 3, recalled: 2, retention: 2 / 3 });
  });

  it("is null, not 0, with nothing to measure", () => {
    expect(retentionSince([], now)).toEqual({ reviews: 0, recalled: 0, retention: null });
  });

  it("is bucketed by the learner's Monday-first weeks, oldest first", () => {
    const weeks = weeklyRetention([review("2025-03-03T01:00:00Z"), review("2025-03-02T23:00:00Z", { rating: 1 })], now, "UTC", 3);
    expect(weeks).toEqual([
      { weekStart: "2025-02-17", reviews: 0, recalled: 0, retention: null },
      { weekStart: "2025-02-24", reviews: 1, recalled: 0, retention: 0 },
      { weekStart: "2025-03-03", reviews: 1, recalled: 1, retention: 1 },
    ]);
  });
});

describe("buildProgressReport", () => {
  it("is an honest empty report for a learner with no rows", () => {
    const report = buildProgressReport({ cardStates: [], reviews: [], answers: [] }, now);
    expect(report.hasActivity).toBe(false);
    expect(report.totals).toEqual({ cardsStudied: 0, reviews: 0, answers: 0, correctAnswers: 0, accuracy: null });
    expect(report.streaks).toEqual({ current: 0, longest: 0 });
    expect(report.forecast.every((day) => day.due === 0)).toBe(true);
    expect(report.byTopic).toEqual([]);
    expect(report.retention.last30Days.retention).toBeNull();
  });

  it("is plain data that survives JSON, as a page needs", () => {
    const report = buildProgressReport({ cardStates: [cardState("2025-03-06T00:00:00Z")], reviews: [review("2025-03-05T08:00:00Z")], answers: [] }, now);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.totals.cardsStudied).toBe(1);
    expect(report.streaks.current).toBe(1);
  });

  it("a row that stands for several reviews or states counts as that many (the data layer groups them by slot)", () => {
    const reviews = [review("2025-03-05T08:00:00Z", { count: 5, rating: 1 }), review("2025-03-05T08:00:00Z", { count: 3 })];
    const report = buildProgressReport({ cardStates: [cardState("2025-03-06T00:00:00Z", { count: 4 })], reviews, answers: [], cardsStudied: 7 }, now);
    expect(report.totals).toMatchObject({ reviews: 8, cardsStudied: 7 });
    expect(report.calendar.days.at(-1)).toMatchObject({ reviews: 8 });
    expect(report.retention.last30Days).toEqual({ reviews: 8, recalled: 3, retention: 3 / 8 });
    expect(report.forecast.reduce((sum, day) => sum + day.due, 0)).toBe(4);
  });
});

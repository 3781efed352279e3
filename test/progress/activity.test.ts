import { describe, expect, it } from "vitest";
import { activityCalendar, activityLevel, dailyActivity, levelRanges, streaks } from "@/lib/progress/activity";
import { at } from "./builders";

describe("streaks", () => {
  it("are zero with no activity", () => {
    expect(streaks([], "2025-03-01")).toEqual({ current: 0, longest: 0 });
  });

  it("run across the end of a month", () => {
    expect(streaks(["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"], "2025-02-02")).toEqual({ current: 4, longest: 4 });
  });

  it("run across 29 February and the end of a year", () => {
    expect(streaks(["2024-02-28", "2024-02-29", "2024-03-01"], "2024-03-01").current).toBe(3);
    expect(streaks(["2024-12-30", "2024-12-31", "2025-01-01"], "2025-01-01").current).toBe(3);
  });

  it("stay alive through today until the day is over", () => {
    expect(streaks(["2025-02-27", "2025-02-28"], "2025-03-01")).toEqual({ current: 2, longest: 2 });
  });

  it("break after a day with nothing, keeping the longest", () => {
    const days = ["2025-02-01", "2025-02-02", "2025-02-03", "2025-02-10", "2025-02-11"];
    expect(streaks(days, "2025-02-13")).toEqual({ current: 0, longest: 3 });
    expect(streaks(days, "2025-02-12")).toEqual({ current: 2, longest: 3 });
  });

  it("count a day once however many times it appears, and ignore days after today", () => {
    expect(streaks(["2025-03-01", "2025-03-01", "2025-03-02", "2025-03-05"], "2025-03-02")).toEqual({ current: 2, longest: 2 });
  });
});

describe("dailyActivity", () => {
  it("counts reviews and answers per local day", () => {
    const byDay = dailyActivity([at("2025-03-01T15:00:00Z"), at("2025-03-01T17:00:00Z")], [at("2025-03-01T17:30:00Z")], "Asia/Shanghai");
    expect([...byDay.values()]).toEqual([
      { day: "2025-03-01", reviews: 1, answers: 0 },
      { day: "2025-03-02", reviews: 1, answers: 1 },
    ]);
  });
});

describe("activityCalendar", () => {
  it("covers 26 whole weeks from a Monday up to today, empty days included", () => {
    const byDay = dailyActivity([at("2025-03-05T10:00:00Z"), at("2025-03-05T11:00:00Z")], [at("2024-01-01T10:00:00Z")]);
    const calendar = activityCalendar(byDay, "2025-03-05");
    expect(calendar.start).toBe("2024-09-09");
    expect(calendar.days).toHaveLength(25 * 7 + 3);
    expect(calendar.days.at(-1)).toEqual({ day: "2025-03-05", reviews: 2, answers: 0 });
    // The answer of 2024 is older than the calendar.
    expect({ max: calendar.max, activeDays: calendar.activeDays, reviews: calendar.reviews, answers: calendar.answers }).toEqual({ max: 2, activeDays: 1, reviews: 2, answers: 0 });
  });

  it("is all empty days for a learner with nothing", () => {
    const calendar = activityCalendar(new Map(), "2025-03-05");
    expect(calendar.max).toBe(0);
    expect(calendar.days.every((day) => day.reviews + day.answers === 0)).toBe(true);
  });
});

describe("activity levels", () => {
  it("are 0 for nothing and 4 for the busiest day", () => {
    expect(activityLevel(0, 10)).toBe(0);
    expect(activityLevel(1, 10)).toBe(1);
    expect(activityLevel(10, 10)).toBe(4);
    expect(activityLevel(3, 0)).toBe(0);
  });

  it("match the legend's ranges for every total", () => {
    for (let max = 1; max <= 40; max++) {
      const ranges = levelRanges(max);
      for (let total = 1; total <= max; total++) {
        const level = activityLevel(total, max);
        const range = ranges[level - 1];
        expect(range && total >= range.from && total <= range.to, `max ${max}, total ${total}`).toBe(true);
      }
    }
  });
});

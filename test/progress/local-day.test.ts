import { describe, expect, it } from "vitest";
import { addDays, dayKey, daysBetween, isValidTimeZone, weekStart, weekdayIndex } from "@/lib/progress/local-day";

describe("dayKey", () => {
  it("counts an evening in Shanghai on that evening's day, not UTC's", () => {
    const time = new Date("2025-03-01T16:30:00Z"); // 00:30 on 2 March in Shanghai
    expect(dayKey(time, "UTC")).toBe("2025-03-01");
    expect(dayKey(time, "Asia/Shanghai")).toBe("2025-03-02");
  });

  it("follows daylight saving time, which a fixed offset would not", () => {
    // New York is UTC-5 in winter and UTC-4 in summer: 03:30 UTC is the previous evening in both.
    expect(dayKey(new Date("2025-01-15T03:30:00Z"), "America/New_York")).toBe("2025-01-14");
    expect(dayKey(new Date("2025-07-15T03:30:00Z"), "America/New_York")).toBe("2025-07-14");
    expect(dayKey(new Date("2025-07-15T04:30:00Z"), "America/New_York")).toBe("2025-07-15");
  });
});

describe("day arithmetic", () => {
  it.each([
    ["2025-01-31", 1, "2025-02-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2025-02-28", 1, "2025-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-03-01", -1, "2025-02-28"],
  ])("%s + %i day → %s", (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it("weeks start on Monday", () => {
    expect(weekStart("2025-03-05")).toBe("2025-03-03"); // a Wednesday
    expect(weekStart("2025-03-03")).toBe("2025-03-03");
    expect(weekStart("2025-03-09")).toBe("2025-03-03"); // a Sunday
    expect(weekdayIndex("2025-03-09")).toBe(6);
  });

  it("accepts known zones only", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

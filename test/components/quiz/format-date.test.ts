import { describe, expect, it } from "vitest";
import { formatDate } from "@/components/quiz/format-date";

// Regression: dateStyle with timeZoneName threw a TypeError, and /q/<code> of any quiz with a close date was a 500.
describe("formatDate", () => {
  it.each(["en", "zh"] as const)("formats a close date in %s with the day, the minute and the time zone", (lang) => {
    const text = formatDate("2026-12-09T05:47:00.000Z", lang);
    expect(text).toMatch(/2026/);
    expect(text).toMatch(/9/);
    expect(text).toMatch(/(UTC|GMT|[A-Z]{2,5})/);
  });
});

import { describe, expect, it } from "vitest";
import { instructorNextPath } from "@/lib/server/instructor-next-path";

describe("instructorNextPath", () => {
  it.each([
    ["/instructor", "/instructor"],
    ["/instructor/quizzes/abc/results?tab=1#top", "/instructor/quizzes/abc/results?tab=1#top"],
    ["/instructor/password", "/instructor/password"],
  ])("follows %j", (next, expected) => {
    expect(instructorNextPath(next)).toBe(expected);
  });

  it.each([
    undefined,
    ["/instructor/a", "/instructor/b"],
    "",
    "instructor",
    "https://evil.example/instructor",
    "//evil.example/instructor",
    "/\\evil.example/instructor",
    "/instructorx",
    "/instructor/../api/progress/export",
    "/instructor/login",
    "/quiz",
    "/instructor\n/x",
    "javascript:alert(1)",
  ])("refuses %j and goes to /instructor", (next) => {
    expect(instructorNextPath(next)).toBe("/instructor");
  });
});

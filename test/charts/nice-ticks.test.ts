import { describe, expect, it } from "vitest";
import { niceTicks } from "@/components/charts/nice-ticks";

describe("niceTicks", () => {
  it.each([
    [7, 3, [0, 5, 10]],
    [5, 3, [0, 2, 4, 6]],
    [1, 3, [0, 1]],
    [38, 4, [0, 10, 20, 30, 40]],
    [250, 3, [0, 100, 200, 300]],
  ])("max %i in about %i steps → %j", (max, count, ticks) => {
    expect(niceTicks(max, count)).toEqual(ticks);
  });

  it("gives a scale of 0–1 with nothing to show", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

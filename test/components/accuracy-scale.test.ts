import { describe, expect, it } from "vitest";
import { accuracyBand, BAND_DASH, combine, percent } from "@/components/diagram/accuracy-scale";

describe("the heat map's accuracy scale", () => {
  it.each([
    [{ right: 0, total: 4 }, "low", 0],
    [{ right: 49, total: 100 }, "low", 49],
    [{ right: 1, total: 2 }, "mid", 50],
    [{ right: 799, total: 1000 }, "mid", 79],
    [{ right: 4, total: 5 }, "high", 80],
    [{ right: 3, total: 3 }, "high", 100],
  ] as const)("%o → %s (%i%)", (accuracy, band, value) => {
    expect(accuracyBand(accuracy)).toBe(band);
    expect(percent(accuracy)).toBe(value);
  });

  it("no answers stay neutral", () => {
    expect(accuracyBand(undefined)).toBe("none");
    expect(accuracyBand({ right: 0, total: 0 })).toBe("none");
    expect(percent({ right: 0, total: 0 })).toBeNull();
  });

  it("each answered band has its own pattern besides its colour, except one solid", () => {
    const patterns = new Set([BAND_DASH.low, BAND_DASH.mid, BAND_DASH.high]);
    expect(patterns.size).toBe(3);
  });

  it("two transitions on one arrow are counted together, unanswered ones left out", () => {
    expect(combine([{ right: 1, total: 2 }, undefined, { right: 3, total: 3 }])).toEqual({ right: 4, total: 5 });
    expect(combine([undefined, { right: 0, total: 0 }])).toBeUndefined();
  });
});

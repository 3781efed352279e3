/*
 * How a class's accuracy on a transition is drawn on the state diagram: four
 * bands, each with its own theme colour (app/globals.css: --bad, --warn,
 * --good, which keep their contrast in light and dark), its own line pattern
 * and the percentage written on the label, so the colour is never the only
 * sign. A transition nobody answered stays as the figure draws it.
 */

export const ACCURACY_BANDS = ["none", "low", "mid", "high"] as const;
export type AccuracyBand = (typeof ACCURACY_BANDS)[number];

export interface Accuracy {
  right: number;
  total: number;
}

/** Lower bounds of the bands, in percent: below 50 low, 50 to 79 mid, 80 and up high. */
export const BAND_FLOORS = { mid: 50, high: 80 } as const;

/** The whole percentage, rounded down so that 79.9 % never reads as the next band's 80. */
export function percent({ right, total }: Accuracy): number | null {
  if (total <= 0) return null;
  return Math.floor((Math.min(right, total) / total) * 100);
}

export function accuracyBand(accuracy: Accuracy | undefined): AccuracyBand {
  const value = accuracy ? percent(accuracy) : null;
  if (value === null) return "none";
  if (value >= BAND_FLOORS.high) return "high";
  if (value >= BAND_FLOORS.mid) return "mid";
  return "low";
}

/** The stroke pattern of each band: solid for high, long dashes for mid, short dashes for low. */
export const BAND_DASH: Record<AccuracyBand, string | undefined> = { none: undefined, high: undefined, mid: "10 4", low: "3 3" };

/** Several transitions drawn as one arrow: their answers counted together. */
export function combine(parts: readonly (Accuracy | undefined)[]): Accuracy | undefined {
  const present = parts.filter((part): part is Accuracy => part !== undefined && part.total > 0);
  if (present.length === 0) return undefined;
  return present.reduce((sum, part) => ({ right: sum.right + part.right, total: sum.total + part.total }), { right: 0, total: 0 });
}

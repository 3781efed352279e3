import { addDays, dayKey, daysBetween, type DayKey } from "./local-day";
import { CARD_STATE, countOf, type CardStateRow } from "./progress-rows";

export interface ForecastDay {
  day: DayKey;
  /** Cards due that day; today's count includes the overdue ones. */
  due: number;
  /** Of `due`, the cards that fell due on an earlier day (only ever today). */
  overdue: number;
}

/**
 * Cards falling due on each of the next `days` local days, today first.
 * Cards never reviewed (state new) are not scheduled yet, so they are left out;
 * a card due before today is overdue and counted today, as a review session would show it.
 */
export function dueForecast(states: readonly CardStateRow[], now: Date, timeZone = "UTC", days = 30): ForecastDay[] {
  const today = dayKey(now, timeZone);
  const forecast: ForecastDay[] = Array.from({ length: days }, (_, i) => ({ day: addDays(today, i), due: 0, overdue: 0 }));
  for (const state of states) {
    if (state.state === CARD_STATE.new) continue;
    const offset = daysBetween(today, dayKey(state.due, timeZone));
    if (offset >= days) continue;
    const slot = forecast[Math.max(0, offset)]!;
    slot.due += countOf(state);
    if (offset < 0) slot.overdue += countOf(state);
  }
  return forecast;
}

import { DEFAULT_PROFILE, type ProfileName } from "../tcp";

/** The scenario player's address for a scenario, the segments to drop and the profile (left out when it is the default). */
export function scenarioHref(name: string, lose: readonly number[] = [], profile: ProfileName = DEFAULT_PROFILE): string {
  const params = new URLSearchParams({ name });
  if (lose.length > 0) params.set("lose", [...lose].sort((a, b) => a - b).join(","));
  if (profile !== DEFAULT_PROFILE) params.set("profile", profile);
  return `/learn/scenarios?${params.toString()}`;
}

/** The segments to drop from a `lose` parameter such as "2,3"; anything else is ignored. */
export function parseLose(value: string | string[] | undefined): number[] {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  const numbers = text
    .split(",")
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 99);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The scenario player's address for a scenario and the segments to drop. */
export function scenarioHref(name: string, lose: readonly number[] = []): string {
  const params = new URLSearchParams({ name });
  if (lose.length > 0) params.set("lose", [...lose].sort((a, b) => a - b).join(","));
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

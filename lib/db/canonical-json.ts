/*
 * JSON compared as JSON, not as the characters some database kept of it:
 * PostgreSQL's jsonb keeps an object's keys in an order of its own (shorter
 * keys first) and its own spacing, SQLite keeps the text as written. Two
 * values are the same JSON when they are equal with every object's keys sorted.
 */

/** `value` with every object's keys in sorted order, arrays in their own. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
  return value;
}

/** True when `a` and `b` are the same JSON, whatever the order of their objects' keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

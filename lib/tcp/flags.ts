/**
 * Control bits as learners write them: "SYN", "SYN+ACK", "FIN+ACK", "RST+ACK".
 * One canonical order (SYN, FIN, RST, PSH, then ACK) so that two flag strings
 * compare equal exactly when they name the same set.
 */
export const FLAG_ORDER = ["SYN", "FIN", "RST", "PSH", "ACK"] as const;

export type Flag = (typeof FLAG_ORDER)[number];

/** A canonical flag string such as "FIN+ACK". */
export type Flags = string;

export function formatFlags(flags: Iterable<Flag>): Flags {
  const set = new Set(flags);
  return FLAG_ORDER.filter((flag) => set.has(flag)).join("+");
}

/**
 * Parses "ack+syn", "SYN, ACK" or "SYN/ACK" into the canonical string, or
 * returns null when a part is not a flag or the set is empty.
 */
export function parseFlags(input: string): Flags | null {
  const parts = input
    .toUpperCase()
    .split(/[\s+,/|]+/)
    .filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  const flags: Flag[] = [];
  for (const part of parts) {
    if (!(FLAG_ORDER as readonly string[]).includes(part)) return null;
    flags.push(part as Flag);
  }
  return formatFlags(flags);
}

export function hasFlag(flags: Flags, flag: Flag): boolean {
  return flags.split("+").includes(flag);
}

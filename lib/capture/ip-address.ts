import { be16 } from "./bytes";

/** "127.0.0.1" from the 4 bytes at `offset`. */
export function formatIpv4(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 4)).join(".");
}

/**
 * An IPv6 address as RFC 5952 section 4 writes it: lowercase hex without leading zeros,
 * the longest run of two or more zero groups (the first of equals) as "::", and an
 * IPv4-mapped address with its last 32 bits dotted ("::ffff:192.0.2.1", section 5).
 */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  const groups = Array.from({ length: 8 }, (_, i) => be16(bytes, offset + i * 2));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return `::ffff:${formatIpv4(bytes, offset + 12)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

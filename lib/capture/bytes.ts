/**
 * Unsigned integers from a byte array in either byte order. Reads past the end give 0
 * instead of throwing; callers check lengths first, so a 0 is never taken for data.
 */
export function u8(bytes: Uint8Array, offset: number): number {
  return bytes[offset] ?? 0;
}

export function u16(bytes: Uint8Array, offset: number, little: boolean): number {
  const a = u8(bytes, offset);
  const b = u8(bytes, offset + 1);
  return little ? a | (b << 8) : (a << 8) | b;
}

export function u32(bytes: Uint8Array, offset: number, little: boolean): number {
  const first = u16(bytes, offset, little);
  const second = u16(bytes, offset + 2, little);
  return little ? second * 0x10000 + first : first * 0x10000 + second;
}

/** Network byte order (big-endian), as every IP and TCP header field is written. */
export const be16 = (bytes: Uint8Array, offset: number): number => u16(bytes, offset, false);
export const be32 = (bytes: Uint8Array, offset: number): number => u32(bytes, offset, false);

/** "0a 0d 0d 0a": bytes as a person reading a hex dump sees them. */
export function hexBytes(bytes: Uint8Array, offset: number, count: number): string {
  return Array.from(bytes.subarray(offset, offset + count), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

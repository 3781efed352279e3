/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 section 3.4): numbers wrap,
 * so "a < b" means b lies less than half the space ahead of a.
 */
const MODULUS = 2 ** 32;
const HALF = 2 ** 31;

export function seqAdd(seq: number, n: number): number {
  return (((seq + n) % MODULUS) + MODULUS) % MODULUS;
}

/** b - a, as a signed distance in (-2^31, 2^31]. */
export function seqDiff(b: number, a: number): number {
  const d = seqAdd(b, -a);
  return d > HALF ? d - MODULUS : d;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(b, a) > 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(b, a) >= 0;
}

/** lo <= x < hi in sequence space. */
export function seqInWindow(x: number, lo: number, hi: number): boolean {
  return seqLe(lo, x) && seqLt(x, hi);
}

export function isSequenceNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < MODULUS;
}

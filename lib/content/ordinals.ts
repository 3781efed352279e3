const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "the third segment" for 3; "segment 12" past ten. */
export function segmentOrdinal(n: number): string {
  return n <= ORDINALS.length ? `the ${ORDINALS[n - 1]} segment` : `segment ${n}`;
}

/** "the first two segments", "the first and third segments", "the fourth segment". */
export function segmentList(numbers: readonly number[]): string {
  if (numbers.length === 0) return "no segment";
  if (numbers.length === 1) return segmentOrdinal(numbers[0]!);
  const contiguousFromFirst = numbers.every((n, index) => n === index + 1);
  if (contiguousFromFirst && numbers.length <= 4) return `the first ${["", "", "two", "three", "four"][numbers.length]} segments`;
  if (numbers.every((n) => n <= ORDINALS.length)) {
    const words = numbers.map((n) => ORDINALS[n - 1]!);
    return `the ${words.slice(0, -1).join(", ")} and ${words[words.length - 1]} segments`;
  }
  return `segments ${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

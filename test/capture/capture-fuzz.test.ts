import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaptureError, readCapture } from "@/lib/capture";
import { pcapngToBigEndian, pcapToBigEndian, readSample, SAMPLE_NAMES } from "./sample-files";

/*
 * A capture is untrusted input. Thousands of mutated and truncated versions of the real
 * samples must each give a Capture or a CaptureError naming an offset inside the file;
 * nothing else may be thrown. Seeded, so a failure reproduces.
 */

const SAMPLES = SAMPLE_NAMES.map((name) => readSample(name));
const BIG_ENDIAN = [pcapToBigEndian(readSample("refused-and-reset.pcap")), pcapngToBigEndian(readSample("two-interfaces.pcapng"))];
const ALL = [...SAMPLES, ...BIG_ENDIAN];

/** Reads the bytes and says what happened; anything but a Capture or a well-formed CaptureError fails the test. */
function outcome(bytes: Uint8Array): "read" | "error" {
  try {
    const capture = readCapture(bytes);
    expect(capture.frames).toBe(capture.segments.length + capture.skipped.length);
    return "read";
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(bytes.length);
    expect(Number.isInteger(error.offset)).toBe(true);
    expect(error.message).toMatch(/^at byte \d+: /);
    return "error";
  }
}

type Mutation =
  | { kind: "flip"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "delete"; at: number; count: number }
  | { kind: "length"; at: number; value: number };

/** Length fields set to huge, tiny, odd or boundary values: where a reader's arithmetic breaks. */
const LENGTHS = [0, 1, 3, 7, 8, 11, 12, 16, 19, 20, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 262144, 262145, 65535];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("length" as const), at: fc.nat(), value: fc.constantFrom(...LENGTHS) }),
);

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = source.slice();
  for (const change of mutations) {
    const at = bytes.length === 0 ? 0 : change.at % bytes.length;
    if (change.kind === "flip") bytes[at] = change.value;
    else if (change.kind === "insert") bytes = new Uint8Array([...bytes.subarray(0, at), ...change.bytes, ...bytes.subarray(at)]);
    else if (change.kind === "delete") bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + change.count)]);
    else {
      // Length fields sit on 4-byte boundaries in both formats; write in both byte orders.
      const aligned = at - (at % 4);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (aligned + 4 <= bytes.length) view.setUint32(aligned, change.value, change.at % 2 === 0);
    }
  }
  return bytes;
}

describe("the reader on broken captures", () => {
  it("every prefix of every sample: a Capture or a CaptureError within the file", () => {
    const seen = { read: 0, error: 0 };
    for (const sample of ALL) {
      for (let length = 0; length <= sample.length; length++) seen[outcome(sample.subarray(0, length))]++;
    }
    // Only the whole files (and the few prefixes that end exactly between records) read.
    expect(seen.error).toBeGreaterThan(seen.read);
    expect(seen.read).toBeGreaterThanOrEqual(ALL.length);
  });

  it("3000 mutated samples: byte flips, inserted and deleted ranges, absurd lengths", () => {
    const seen = { read: 0, error: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ALL.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, mutations) => {
        seen[outcome(mutate(ALL[which]!, mutations))]++;
      }),
      { seed: 1209, numRuns: 3000 },
    );
    // Both outcomes occur, so the mutations reach past the headers.
    expect(seen.read).toBeGreaterThan(100);
    expect(seen.error).toBeGreaterThan(100);
  });

  it("frame bytes flipped inside sound files never stop the reading", () => {
    // Flipping bytes 40 on (past the pcap headers) of a pcap keeps its structure sound: a corrupt frame is skipped or read, never fatal.
    const sample = readSample("refused-and-reset.pcap");
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 40 + 16, max: 113 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }), (flips) => {
        const bytes = sample.slice();
        for (const { at, value } of flips) bytes[at] = value;
        expect(outcome(bytes)).toBe("read");
      }),
      { seed: 93, numRuns: 1000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatFlags,
  hasFlag,
  isSequenceNumber,
  isUserCall,
  parseEvent,
  parseFlags,
  parseState,
  rfcSpelling,
  seqAdd,
  seqDiff,
  seqInWindow,
  seqLe,
  seqLt,
  TCP_EVENTS,
  TCP_STATES,
  USER_CALLS,
} from "@/lib/tcp";

const TWO_32 = 2 ** 32;

describe("parseState", () => {
  it.each(TCP_STATES.map((state) => [state]))("the canonical name %s parses to itself", (state) => {
    expect(parseState(state)).toBe(state);
  });

  it.each([
    // BSD and Stevens
    ["SYN_RCVD", "SYN_RECEIVED"],
    // Linux netstat
    ["SYN_RECV", "SYN_RECEIVED"],
    ["FIN_WAIT1", "FIN_WAIT_1"],
    ["FIN_WAIT2", "FIN_WAIT_2"],
    ["CLOSE", "CLOSED"],
    // ss
    ["SYN-RECV", "SYN_RECEIVED"],
    ["ESTAB", "ESTABLISHED"],
    ["FIN-WAIT-1", "FIN_WAIT_1"],
    ["FIN-WAIT-2", "FIN_WAIT_2"],
    ["TIME-WAIT", "TIME_WAIT"],
    ["CLOSE-WAIT", "CLOSE_WAIT"],
    ["LAST-ACK", "LAST_ACK"],
    ["SYN-SENT", "SYN_SENT"],
    // RFC 9293 and prose
    ["SYN-RECEIVED", "SYN_RECEIVED"],
    ["syn-sent", "SYN_SENT"],
    ["Last Ack", "LAST_ACK"],
    ["time wait", "TIME_WAIT"],
    ["closing", "CLOSING"],
    ["close_wait", "CLOSE_WAIT"],
    ["Established", "ESTABLISHED"],
    // Windows netstat
    ["LISTENING", "LISTEN"],
  ] as const)("%s → %s", (spelling, state) => {
    expect(parseState(spelling)).toBe(state);
  });

  it.each(["", "SYN", "FIN_WAIT", "FIN-WAIT-3", "TIMEWAITS", "half-open", "CLOSED_WAIT", "ESTABLISHED2", "LISTEN!!x"])(
    "the unknown spelling %j → null",
    (spelling) => {
      expect(parseState(spelling)).toBeNull();
    },
  );

  it("rfcSpelling writes states with hyphens, as RFC 9293 does", () => {
    expect(rfcSpelling("SYN_RECEIVED")).toBe("SYN-RECEIVED");
    expect(rfcSpelling("FIN_WAIT_1")).toBe("FIN-WAIT-1");
    expect(rfcSpelling("CLOSED")).toBe("CLOSED");
    for (const state of TCP_STATES) expect(parseState(rfcSpelling(state))).toBe(state);
  });
});

describe("parseEvent", () => {
  it.each(TCP_EVENTS.map((event) => [event]))("the canonical event %j parses to itself", (event) => {
    expect(parseEvent(event)).toBe(event);
  });

  it.each([
    ["RCV syn,ack", "rcv SYN+ACK"],
    ["rcv syn/ack", "rcv SYN+ACK"],
    ["rcv SYN + ACK", "rcv SYN+ACK"],
    ["receive FIN + ACK", "rcv FIN+ACK"],
    ["recv rst", "rcv RST"],
    ["rcvd ack", "rcv ACK"],
    ["RCV FIN", "rcv FIN"],
    ["Timeout", "timeout"],
    ["active  open", "active open"],
    ["  passive open ", "passive open"],
    ["CLOSE", "close"],
    ["Send", "send"],
    ["ABORT", "abort"],
  ] as const)("%j → %j", (spelling, event) => {
    expect(parseEvent(spelling)).toBe(event);
  });

  it.each(["", "rcv", "open", "rcv PSH", "rcv URG", "passive-open", "rcv SYN+FIN", "closed"])("the unknown event %j → null", (spelling) => {
    expect(parseEvent(spelling)).toBeNull();
  });

  it("user calls are the five calls of 3.10.1-3.10.5, and nothing else", () => {
    expect([...USER_CALLS]).toEqual(["passive open", "active open", "send", "close", "abort"]);
    expect(TCP_EVENTS.filter(isUserCall)).toEqual([...USER_CALLS]);
    expect(isUserCall("rcv SYN")).toBe(false);
    expect(isUserCall("timeout")).toBe(false);
  });
});

describe("flags", () => {
  it.each([
    ["ack+syn", "SYN+ACK"],
    ["SYN+ACK", "SYN+ACK"],
    ["SYN, ACK", "SYN+ACK"],
    ["SYN/ACK", "SYN+ACK"],
    ["ack fin", "FIN+ACK"],
    ["ACK|RST", "RST+ACK"],
    ["psh,ack", "PSH+ACK"],
    ["ack+psh+fin", "FIN+PSH+ACK"],
    ["syn+syn", "SYN"],
    ["rst", "RST"],
  ] as const)("parseFlags(%j) → %s", (input, flags) => {
    expect(parseFlags(input)).toBe(flags);
  });

  it.each(["", "+", " , ", "SYN+FOO", "URG", "ECE+ACK", "SYNACK"])("parseFlags(%j) → null", (input) => {
    expect(parseFlags(input)).toBeNull();
  });

  it("two spellings of one set of flags parse to the same string, whatever the order", () => {
    const flag = fc.constantFrom("SYN", "FIN", "RST", "PSH", "ACK");
    fc.assert(
      fc.property(fc.array(flag, { minLength: 1, maxLength: 6 }), fc.constantFrom("+", ",", "/", " ", ", "), fc.boolean(), (flags, separator, lower) => {
        const written = flags.join(separator);
        const reversed = [...flags].reverse().join("+");
        const parsed = parseFlags(lower ? written.toLowerCase() : written);
        expect(parsed).toBe(parseFlags(reversed));
        expect(parsed).toBe(formatFlags(flags));
      }),
      { seed: 9293, numRuns: 200 },
    );
  });

  it("formatFlags puts SYN, FIN, RST, PSH before ACK", () => {
    expect(formatFlags(["ACK", "SYN"])).toBe("SYN+ACK");
    expect(formatFlags(["ACK", "RST"])).toBe("RST+ACK");
    expect(formatFlags([])).toBe("");
  });

  it("hasFlag tests membership, not a substring", () => {
    expect(hasFlag("FIN+ACK", "ACK")).toBe(true);
    expect(hasFlag("FIN+ACK", "FIN")).toBe(true);
    expect(hasFlag("SYN+ACK", "FIN")).toBe(false);
    expect(hasFlag("RST", "ACK")).toBe(false);
  });
});

describe("sequence numbers modulo 2^32 (RFC 9293 3.4)", () => {
  it("seqAdd wraps past 2^32 - 1 and below 0", () => {
    expect(seqAdd(4294967295, 1)).toBe(0);
    expect(seqAdd(4294967290, 10)).toBe(4);
    expect(seqAdd(0, -1)).toBe(4294967295);
    expect(seqAdd(5, -10)).toBe(4294967291);
    expect(seqAdd(100, TWO_32)).toBe(100);
  });

  it("a number just past the wrap is after one just before it", () => {
    expect(seqLt(4294967290, 4)).toBe(true);
    expect(seqLt(4, 4294967290)).toBe(false);
    expect(seqLe(4294967295, 0)).toBe(true);
    expect(seqDiff(4, 4294967290)).toBe(10);
    expect(seqDiff(4294967290, 4)).toBe(-10);
  });

  it("seqLe holds for equal numbers, seqLt does not", () => {
    expect(seqLe(7, 7)).toBe(true);
    expect(seqLt(7, 7)).toBe(false);
  });

  it("seqInWindow is lo <= x < hi across the wrap", () => {
    expect(seqInWindow(4294967295, 4294967295, 10)).toBe(true);
    expect(seqInWindow(2, 4294967295, 10)).toBe(true);
    expect(seqInWindow(10, 4294967295, 10)).toBe(false);
    expect(seqInWindow(4294967294, 4294967295, 10)).toBe(false);
  });

  it("isSequenceNumber accepts exactly the integers 0 .. 2^32 - 1", () => {
    expect(isSequenceNumber(0)).toBe(true);
    expect(isSequenceNumber(4294967295)).toBe(true);
    expect(isSequenceNumber(TWO_32)).toBe(false);
    expect(isSequenceNumber(-1)).toBe(false);
    expect(isSequenceNumber(1.5)).toBe(false);
    expect(isSequenceNumber(Number.NaN)).toBe(false);
  });

  it("for any a and any distance d under half the space: a + d - a = d, and a < a + d exactly when d > 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TWO_32 - 1 }), fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), (a, d) => {
        const b = seqAdd(a, d);
        expect(isSequenceNumber(b)).toBe(true);
        expect(seqDiff(b, a)).toBe(d);
        expect(seqLt(a, b)).toBe(d > 0);
        expect(seqLe(a, b)).toBe(d >= 0);
        expect(seqLt(b, a)).toBe(d < 0);
      }),
      { seed: 32, numRuns: 500 },
    );
  });
});

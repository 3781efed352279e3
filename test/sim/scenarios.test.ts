import { describe, expect, it } from "vitest";
import type { TcpState } from "@/lib/tcp";
import {
  DEFAULT_ISN,
  DEFAULT_TIMING,
  findScenario,
  ISN_TICKS_PER_MS,
  runScenario,
  SCENARIO_NAMES,
  SCENARIOS,
  stateSequence,
  UnknownScenarioError,
} from "@/lib/sim";
import { INTERVIEW_EXPECTED } from "./interview-expectations";
import { ISN_PAIRS, lostSegments, receivedOrder, relativeTo, reportedErrors, segment as seg, wire, type ExpectedSegment, type Isn } from "./builders";

interface Expectation {
  client: TcpState[];
  server: TcpState[];
  segments: ExpectedSegment[];
  lost?: number[];
}

/** The old duplicate SYN of the old-duplicate and two-way scenarios: 30 s earlier by the ISN clock. */
const OLD = -ISN_TICKS_PER_MS * 30_000;
/** no-time-wait: the old connection carried as many bytes as the ISN clock advances in 5 s. */
const PRE = ISN_TICKS_PER_MS * 5_000;

const OPEN: TcpState[] = ["CLOSED", "SYN_SENT", "ESTABLISHED"];
const PASSIVE_OPEN: TcpState[] = ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"];
const ACTIVE_CLOSE: TcpState[] = ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"];
const PASSIVE_CLOSE: TcpState[] = ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"];

/** Every named scenario: both ends' states and every segment, relative to the ISNs. */
const EXPECTED: Record<string, (isn: Isn) => Expectation> = {
  open: (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: OPEN,
      server: PASSIVE_OPEN,
      segments: [seg("client", "SYN", c(0), null), seg("server", "SYN+ACK", s(0), c(1)), seg("client", "ACK", c(1), s(1))],
    };
  },
  "simultaneous-open": (isn) => {
    const { c, s } = relativeTo(isn);
    const both: TcpState[] = ["CLOSED", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"];
    return {
      client: both,
      server: both,
      segments: [
        seg("client", "SYN", c(0), null),
        seg("server", "SYN", s(0), null),
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "SYN+ACK", c(0), s(1)),
      ],
    };
  },
  "close-client-first": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ACTIVE_CLOSE,
      server: PASSIVE_CLOSE,
      segments: [
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("server", "ACK", s(1), c(2)),
        seg("server", "FIN+ACK", s(1), c(2)),
        seg("client", "ACK", c(2), s(2)),
      ],
    };
  },
  "close-server-first": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: PASSIVE_CLOSE,
      server: ACTIVE_CLOSE,
      segments: [
        seg("server", "FIN+ACK", s(1), c(1)),
        seg("client", "ACK", c(1), s(2)),
        seg("client", "FIN+ACK", c(1), s(2)),
        seg("server", "ACK", s(2), c(2)),
      ],
    };
  },
  "close-combined": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ["ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT", "CLOSED"],
      server: PASSIVE_CLOSE,
      segments: [seg("client", "FIN+ACK", c(1), s(1)), seg("server", "FIN+ACK", s(1), c(2)), seg("client", "ACK", c(2), s(2))],
    };
  },
  "simultaneous-close": (isn) => {
    const { c, s } = relativeTo(isn);
    const both: TcpState[] = ["ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"];
    return {
      client: both,
      server: both,
      segments: [
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("server", "FIN+ACK", s(1), c(1)),
        seg("server", "ACK", s(2), c(2)),
        seg("client", "ACK", c(2), s(2)),
      ],
    };
  },
  "half-close": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ACTIVE_CLOSE,
      server: PASSIVE_CLOSE,
      segments: [
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("server", "ACK", s(1), c(2)),
        seg("server", "ACK", s(1), c(2), 100),
        seg("server", "ACK", s(101), c(2), 200),
        seg("client", "ACK", c(2), s(101)),
        seg("client", "ACK", c(2), s(301)),
        seg("server", "FIN+ACK", s(301), c(2)),
        seg("client", "ACK", c(2), s(302)),
      ],
    };
  },
  "lost-syn": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: OPEN,
      server: PASSIVE_OPEN,
      lost: [1],
      segments: [
        seg("client", "SYN", c(0), null),
        seg("client", "SYN", c(0), null),
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "ACK", c(1), s(1)),
      ],
    };
  },
  "lost-syn-ack": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: OPEN,
      server: PASSIVE_OPEN,
      lost: [2],
      segments: [
        seg("client", "SYN", c(0), null),
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "SYN", c(0), null),
        // RFC 9293 3.10.7.4: the duplicate SYN is answered by a bare ACK, which SYN_SENT drops...
        seg("server", "ACK", s(1), c(1)),
        // ...and the server's own retransmission timer resends the SYN+ACK.
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "ACK", c(1), s(1)),
      ],
    };
  },
  "lost-third-ack": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: OPEN,
      server: PASSIVE_OPEN,
      lost: [3],
      segments: [
        seg("client", "SYN", c(0), null),
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "ACK", c(1), s(1)),
        seg("server", "SYN+ACK", s(0), c(1)),
        seg("client", "ACK", c(1), s(1)),
      ],
    };
  },
  "lost-fin": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ACTIVE_CLOSE,
      server: PASSIVE_CLOSE,
      lost: [1],
      segments: [
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("server", "ACK", s(1), c(2)),
        seg("server", "FIN+ACK", s(1), c(2)),
        seg("client", "ACK", c(2), s(2)),
      ],
    };
  },
  "lost-last-ack": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ACTIVE_CLOSE,
      server: PASSIVE_CLOSE,
      lost: [4],
      segments: [
        seg("client", "FIN+ACK", c(1), s(1)),
        seg("server", "ACK", s(1), c(2)),
        seg("server", "FIN+ACK", s(1), c(2)),
        seg("client", "ACK", c(2), s(2)),
        seg("server", "FIN+ACK", s(1), c(2)),
        seg("client", "ACK", c(2), s(2)),
      ],
    };
  },
  "rst-closed-port": (isn) => {
    const { c } = relativeTo(isn);
    return {
      client: ["CLOSED", "SYN_SENT", "CLOSED"],
      server: ["CLOSED"],
      // 3.10.7.1: the SYN has no ACK, so the reset is <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
      segments: [seg("client", "SYN", c(0), null), seg("server", "RST+ACK", 0, c(1))],
    };
  },
  abort: (isn) => {
    const { c } = relativeTo(isn);
    return {
      client: ["ESTABLISHED", "CLOSED"],
      server: ["ESTABLISHED", "CLOSED"],
      segments: [seg("client", "RST", c(1), null)],
    };
  },
  "old-duplicate-syn": (isn) => {
    const { c, s } = relativeTo(isn);
    // The server's second connection starts at t = 250 ms, when the real SYN arrives: its ISN clock has moved on.
    const secondIss = ISN_TICKS_PER_MS * 250;
    return {
      client: OPEN,
      server: ["LISTEN", "SYN_RECEIVED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
      segments: [
        seg("client", "SYN", c(0), null),
        seg("client", "SYN", c(OLD), null),
        seg("server", "SYN+ACK", s(0), c(OLD + 1)),
        // 3.10.7.3: SYN_SENT answers an ACK that does not acknowledge its SYN with <SEQ=SEG.ACK><CTL=RST>.
        seg("client", "RST", c(OLD + 1), null),
        seg("server", "SYN+ACK", s(secondIss), c(1)),
        seg("client", "ACK", c(1), s(secondIss + 1)),
      ],
    };
  },
  "two-way-handshake": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ["CLOSED"],
      server: ["LISTEN", "ESTABLISHED"],
      lost: [2],
      segments: [seg("client", "SYN", c(OLD), null), seg("server", "SYN+ACK", s(0), c(OLD + 1))],
    };
  },
  "no-time-wait": (isn) => {
    const { c, s } = relativeTo(isn);
    // The new connection: the client reopens at 5000 ms, the server answers at 5050 ms.
    const clientIss = PRE;
    const serverIss = ISN_TICKS_PER_MS * 5_050;
    return {
      client: ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSED", "SYN_SENT", "ESTABLISHED"],
      server: ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
      lost: [7],
      segments: [
        seg("client", "ACK", c(PRE + 1), s(1), 1000),
        seg("client", "ACK", c(PRE + 1), s(1), 1000),
        seg("server", "ACK", s(1), c(PRE + 1001)),
        seg("client", "FIN+ACK", c(PRE + 1001), s(1)),
        seg("server", "ACK", s(1), c(PRE + 1002)),
        seg("server", "FIN+ACK", s(1), c(PRE + 1002)),
        seg("client", "ACK", c(PRE + 1002), s(2)),
        seg("server", "FIN+ACK", s(1), c(PRE + 1002)),
        // The client has forgotten the connection: CLOSED answers the retransmitted FIN with <SEQ=SEG.ACK><CTL=RST>.
        seg("client", "RST", c(PRE + 1002), null),
        seg("client", "SYN", c(clientIss), null),
        seg("server", "SYN+ACK", s(serverIss), c(clientIss + 1)),
        seg("client", "ACK", c(clientIss + 1), s(serverIss + 1)),
        // Segment 1 lands in the new connection: the server acknowledges 1000 bytes the client never sent on it.
        seg("server", "ACK", s(serverIss + 1), c(clientIss + 1001)),
        seg("client", "ACK", c(clientIss + 1), s(serverIss + 1)),
        seg("server", "ACK", s(serverIss + 1), c(clientIss + 1001)),
      ],
    };
  },
};

const RUNS = SCENARIOS.filter((scenario) => scenario.name in EXPECTED).flatMap((scenario) =>
  ISN_PAIRS.map((isn) => ({ name: scenario.name, isn, label: `${isn.client}/${isn.server}` })),
);

describe("the named scenarios", () => {
  it("every scenario has an expectation, here or in interview-expectations.ts, and every expectation a scenario", () => {
    expect([...Object.keys(EXPECTED), ...Object.keys(INTERVIEW_EXPECTED)].sort()).toEqual([...SCENARIO_NAMES].sort());
    expect(SCENARIO_NAMES).toHaveLength(25);
  });

  it.each(RUNS)("$name (ISNs $label): the state sequence of both ends", ({ name, isn }) => {
    const trace = runScenario(name, { isn });
    const expected = EXPECTED[name]!(isn);
    expect({ client: stateSequence(trace, "client"), server: stateSequence(trace, "server") }).toEqual({
      client: expected.client,
      server: expected.server,
    });
  });

  it.each(RUNS)("$name (ISNs $label): every segment's from, flags, seq, ack and len", ({ name, isn }) => {
    const trace = runScenario(name, { isn });
    const expected = EXPECTED[name]!(isn);
    expect(wire(trace)).toEqual(expected.segments);
    expect(lostSegments(trace)).toEqual(expected.lost ?? []);
    expect(trace.isn).toEqual(isn);
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))("%s has a one-line description in English and Chinese", (_name, scenario) => {
    for (const text of [scenario.description.en, scenario.description.zh]) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toContain("\n");
    }
  });

  it("the default ISNs are the RFC's 100 and 300", () => {
    expect(runScenario("open").isn).toEqual({ client: 100, server: 300 });
    expect(DEFAULT_ISN).toEqual({ client: 100, server: 300 });
  });

  it("an unknown scenario is refused, naming the valid ones", () => {
    expect(() => runScenario("four-way-handshake")).toThrow(UnknownScenarioError);
    expect(() => runScenario("four-way-handshake")).toThrow(/valid: open, simultaneous-open/);
    expect(findScenario("four-way-handshake")).toBeUndefined();
  });
});

describe("what the applications are told", () => {
  it("abort: the aborting side and the reset side both report connection reset", () => {
    expect(reportedErrors(runScenario("abort"))).toEqual(["client: abort: connection reset", "server: rcv RST: connection reset"]);
  });

  it("rst-closed-port: the client's SYN_SENT is reset (3.10.7.3: connection reset), which a sockets program sees as ECONNREFUSED", () => {
    expect(reportedErrors(runScenario("rst-closed-port"))).toEqual(["client: rcv RST: connection reset (ECONNREFUSED)"]);
    expect(reportedErrors(runScenario("rst-closed-port", { profile: "linux" }))).toEqual(["client: rcv RST: ECONNREFUSED"]);
  });

  it.each(["open", "close-client-first", "simultaneous-close", "half-close", "lost-last-ack", "old-duplicate-syn"])("%s reports no error", (name) => {
    expect(reportedErrors(runScenario(name))).toEqual([]);
  });

  it("old-duplicate-syn: the server's return to LISTEN is not reported to the user (passive open)", () => {
    const trace = runScenario("old-duplicate-syn");
    const reset = trace.steps.find((step) => step.at === "server" && step.event === "rcv RST");
    expect(reset).toMatchObject({ server: "LISTEN" });
    expect(reset?.error).toBeUndefined();
  });
});

describe("bytes delivered", () => {
  it.each(ISN_PAIRS)("half-close: the client in FIN_WAIT_2 still receives all 300 bytes (ISNs $client/$server)", (isn) => {
    const trace = runScenario("half-close", { isn });
    expect(trace.bytes).toEqual({ client: { sent: 0, delivered: 300 }, server: { sent: 300, delivered: 0 } });
  });

  it.each(ISN_PAIRS)("no-time-wait: the server receives 1000 stale bytes from the old connection (ISNs $client/$server)", (isn) => {
    const trace = runScenario("no-time-wait", { isn });
    expect(trace.bytes.client.sent).toBe(1000);
    // 1000 bytes delivered in the old connection, then the same 1000 again in the new one.
    expect(trace.bytes.server.delivered).toBe(2000);
    const reopened = trace.steps.findIndex((step) => step.at === "server" && step.event === "passive open");
    const stale = trace.steps.slice(reopened).filter((step) => step.at === "server" && step.event === "rcv data");
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ received: 1, server: "ESTABLISHED" });
    expect(stale[0]!.note).toMatch(/^1000 bytes/);
  });

  it.each(["open", "close-client-first", "abort", "two-way-handshake"])("%s delivers no bytes", (name) => {
    const trace = runScenario(name);
    expect([trace.bytes.client.delivered, trace.bytes.server.delivered]).toEqual([0, 0]);
  });
});

describe("TIME_WAIT", () => {
  it("close-client-first: the client waits 2MSL after its last ACK, then forgets the connection", () => {
    const trace = runScenario("close-client-first");
    const entered = trace.steps.find((step) => step.client === "TIME_WAIT")!;
    const left = trace.steps.find((step) => step.at === "client" && step.event === "timeout")!;
    expect(left.client).toBe("CLOSED");
    expect(left.t - entered.t).toBe(2 * DEFAULT_TIMING.msl);
  });

  it("lost-last-ack: the retransmitted FIN restarts the 2MSL timer", () => {
    const trace = runScenario("lost-last-ack");
    const finsInTimeWait = trace.steps.filter((step) => step.at === "client" && step.event === "rcv FIN+ACK");
    expect(finsInTimeWait).toHaveLength(2);
    const left = trace.steps.find((step) => step.at === "client" && step.event === "timeout")!;
    expect(left.t - finsInTimeWait[1]!.t).toBe(2 * DEFAULT_TIMING.msl);
  });

  it("a shorter MSL shortens TIME_WAIT", () => {
    const trace = runScenario("close-client-first", { timing: { msl: 1000 } });
    const entered = trace.steps.find((step) => step.client === "TIME_WAIT")!;
    const left = trace.steps.find((step) => step.at === "client" && step.event === "timeout")!;
    expect(left.t - entered.t).toBe(2000);
  });
});

describe("network options", () => {
  it("--lose drops the named segment", () => {
    const trace = runScenario("open", { lose: [2] });
    expect(lostSegments(trace)).toEqual([2]);
    expect(stateSequence(trace, "client")).toEqual(OPEN);
  });

  it("losses add to the scenario's own: lost-syn with lose 3 loses both 1 and 3", () => {
    const trace = runScenario("lost-syn", { lose: [3] });
    expect(lostSegments(trace)).toEqual([1, 3]);
    // #3 was the server's SYN+ACK: the server retransmits it.
    expect(wire(trace)[2]).toMatchObject({ from: "server", flags: "SYN+ACK" });
    expect(wire(trace)[3]).toMatchObject({ from: "server", flags: "SYN+ACK" });
  });

  it("naming the scenario's own loss again loses it once", () => {
    expect(lostSegments(runScenario("lost-syn", { lose: [1] }))).toEqual([1]);
  });

  it("a delay reorders: half-close with segment 3 delayed, the client holds 4 until 3 fills the gap, and gets all 300 bytes", () => {
    const trace = runScenario("half-close", { delay: { 3: 100 } });
    const order = receivedOrder(trace, "client");
    expect(order.indexOf(4)).toBeLessThan(order.indexOf(3));
    expect(trace.steps.find((step) => step.received === 4)).toMatchObject({ at: "client", event: "rcv out of order" });
    // Segment 3 fills the gap; the held segment 4 is processed right after it, and one ACK covers both.
    const filled = trace.steps.findIndex((step) => step.received === 3);
    expect(trace.steps[filled]).toMatchObject({ event: "rcv data", segment: null });
    expect(trace.steps[filled + 1]).toMatchObject({ event: "rcv data", reassembled: 4, t: trace.steps[filled]!.t });
    expect(trace.steps[filled + 1]!.segment).toMatchObject({ flags: "ACK", ack: 301 + 300 });
    expect(trace.bytes.client.delivered).toBe(300);
    expect(stateSequence(trace, "client")).toEqual(ACTIVE_CLOSE);
  });

  it("without the delay the same scenario receives in order", () => {
    const order = receivedOrder(runScenario("half-close"), "client");
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe("determinism", () => {
  it.each(SCENARIO_NAMES.map((name) => [name]))("%s: the same options give deep-equal traces", (name) => {
    const options = { isn: { client: 4294967290, server: 4294967000 }, lose: [2], delay: { 1: 30 } };
    expect(runScenario(name, options)).toEqual(runScenario(name, options));
  });

  it("different ISNs give different numbers but the same shape", () => {
    const a = runScenario("open", { isn: { client: 1, server: 2 } });
    const b = runScenario("open", { isn: { client: 1000, server: 2000 } });
    expect(wire(a)).not.toEqual(wire(b));
    expect(a.steps.map((step) => [step.event, step.client, step.server])).toEqual(b.steps.map((step) => [step.event, step.client, step.server]));
  });
});

import { describe, expect, it } from "vitest";
import {
  allOutcomes,
  diagramArrows,
  NO_TIME_WAIT_MACHINE,
  OUTCOME_KINDS,
  REFERENCE_MACHINE,
  TCP_EVENTS,
  TCP_STATES,
  transition,
  TRANSITIONS,
  TWO_WAY_HANDSHAKE_MACHINE,
  type Flags,
  type Machine,
  type Outcome,
  type TcpEvent,
  type TcpState,
} from "@/lib/tcp";

/*
 * The expectation matrix, a second reading of RFC 9293 section 3.10 (with
 * Figures 5 and 8), kept apart from lib/tcp/transition-table.ts and written
 * state by state: for each event, the next state and the control bits of the
 * segment sent (null: nothing is sent). The two readings agree on every row.
 *
 * Event meanings (lib/tcp/events.ts): `rcv ACK` acknowledges our SYN or FIN;
 * `rcv FIN` is a FIN (with ACK) that does not acknowledge our FIN; `rcv FIN+ACK`
 * is a FIN that does; `timeout` is the retransmission timer (the 2MSL timer in
 * TIME_WAIT).
 */
type Expected = readonly [to: TcpState, sends: Flags | null];

const stay = (state: TcpState, sends: Flags | null = null): Expected => [state, sends];

/** The rows every synchronized state shares for OPEN calls and SYNs (3.10.1; 3.10.7.4 fourth check, RFC 5961). */
function synchronized(state: TcpState) {
  return {
    "passive open": stay(state),
    "active open": stay(state),
    "rcv SYN": stay(state, "ACK"),
    "rcv SYN+ACK": stay(state, "ACK"),
  } as const;
}

const EXPECTED: Record<TcpState, Record<TcpEvent, Expected>> = {
  // 3.10.1-3.10.5 CLOSED; 3.10.7.1: no TCB, a segment without ACK gets RST+ACK, one with ACK gets RST, a RST is discarded.
  CLOSED: {
    "passive open": ["LISTEN", null],
    "active open": ["SYN_SENT", "SYN"],
    send: stay("CLOSED"),
    close: stay("CLOSED"),
    abort: stay("CLOSED"),
    "rcv SYN": stay("CLOSED", "RST+ACK"),
    "rcv SYN+ACK": stay("CLOSED", "RST"),
    "rcv ACK": stay("CLOSED", "RST"),
    "rcv FIN": stay("CLOSED", "RST"),
    "rcv FIN+ACK": stay("CLOSED", "RST"),
    "rcv RST": stay("CLOSED"),
    timeout: stay("CLOSED"),
  },
  // 3.10.7.2: RST ignored; any ACK-bearing segment answered by RST; a SYN answered by SYN+ACK.
  LISTEN: {
    "passive open": stay("LISTEN"),
    "active open": ["SYN_SENT", "SYN"],
    send: ["SYN_SENT", "SYN"],
    close: ["CLOSED", null],
    abort: ["CLOSED", null],
    "rcv SYN": ["SYN_RECEIVED", "SYN+ACK"],
    "rcv SYN+ACK": stay("LISTEN", "RST"),
    "rcv ACK": stay("LISTEN", "RST"),
    "rcv FIN": stay("LISTEN", "RST"),
    "rcv FIN+ACK": stay("LISTEN", "RST"),
    "rcv RST": stay("LISTEN"),
    timeout: stay("LISTEN"),
  },
  // 3.10.7.3: ACK check first (an ACK of a FIN never sent is answered by RST), then RST, then SYN; otherwise drop.
  SYN_SENT: {
    "passive open": stay("SYN_SENT"),
    "active open": stay("SYN_SENT"),
    send: stay("SYN_SENT"),
    close: ["CLOSED", null],
    abort: ["CLOSED", null],
    "rcv SYN": ["SYN_RECEIVED", "SYN+ACK"],
    "rcv SYN+ACK": ["ESTABLISHED", "ACK"],
    "rcv ACK": stay("SYN_SENT"),
    "rcv FIN": stay("SYN_SENT"),
    "rcv FIN+ACK": stay("SYN_SENT", "RST"),
    "rcv RST": ["CLOSED", null],
    timeout: stay("SYN_SENT", "SYN"),
  },
  SYN_RECEIVED: {
    "passive open": stay("SYN_RECEIVED"),
    "active open": stay("SYN_RECEIVED"),
    send: stay("SYN_RECEIVED"),
    close: ["FIN_WAIT_1", "FIN+ACK"],
    abort: ["CLOSED", "RST"],
    // A retransmitted SYN (SEG.SEQ = IRS < RCV.NXT) fails the first check, the
    // sequence-number test: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop.
    "rcv SYN": stay("SYN_RECEIVED", "ACK"),
    // Figure 8 (simultaneous open): the peer's SYN+ACK acknowledges our SYN.
    "rcv SYN+ACK": ["ESTABLISHED", null],
    "rcv ACK": ["ESTABLISHED", null],
    // Fifth check: the ACK of our SYN establishes; eighth check: the FIN moves ESTABLISHED to CLOSE_WAIT.
    "rcv FIN": ["CLOSE_WAIT", "ACK"],
    // Fifth check in SYN-RECEIVED: an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>.
    "rcv FIN+ACK": stay("SYN_RECEIVED", "RST"),
    // Second check: back to LISTEN after a passive OPEN (CLOSED after an active one; see the context test).
    "rcv RST": ["LISTEN", null],
    timeout: stay("SYN_RECEIVED", "SYN+ACK"),
  },
  ESTABLISHED: {
    ...synchronized("ESTABLISHED"),
    send: stay("ESTABLISHED", "ACK"),
    close: ["FIN_WAIT_1", "FIN+ACK"],
    abort: ["CLOSED", "RST"],
    "rcv ACK": stay("ESTABLISHED"),
    "rcv FIN": ["CLOSE_WAIT", "ACK"],
    // SEG.ACK > SND.NXT: send an ACK, drop the segment.
    "rcv FIN+ACK": stay("ESTABLISHED", "ACK"),
    "rcv RST": ["CLOSED", null],
    // 3.10.8: a retransmission timeout here resends the data at the front of the queue (ACK bit on).
    timeout: stay("ESTABLISHED", "ACK"),
  },
  FIN_WAIT_1: {
    ...synchronized("FIN_WAIT_1"),
    send: stay("FIN_WAIT_1"),
    close: stay("FIN_WAIT_1"),
    abort: ["CLOSED", "RST"],
    "rcv ACK": ["FIN_WAIT_2", null],
    "rcv FIN": ["CLOSING", "ACK"],
    "rcv FIN+ACK": ["TIME_WAIT", "ACK"],
    "rcv RST": ["CLOSED", null],
    timeout: stay("FIN_WAIT_1", "FIN+ACK"),
  },
  FIN_WAIT_2: {
    ...synchronized("FIN_WAIT_2"),
    send: stay("FIN_WAIT_2"),
    close: stay("FIN_WAIT_2"),
    abort: ["CLOSED", "RST"],
    "rcv ACK": stay("FIN_WAIT_2"),
    "rcv FIN": ["TIME_WAIT", "ACK"],
    "rcv FIN+ACK": ["TIME_WAIT", "ACK"],
    "rcv RST": ["CLOSED", null],
    timeout: stay("FIN_WAIT_2"),
  },
  CLOSE_WAIT: {
    ...synchronized("CLOSE_WAIT"),
    send: stay("CLOSE_WAIT", "ACK"),
    close: ["LAST_ACK", "FIN+ACK"],
    abort: ["CLOSED", "RST"],
    "rcv ACK": stay("CLOSE_WAIT"),
    "rcv FIN": stay("CLOSE_WAIT", "ACK"),
    "rcv FIN+ACK": stay("CLOSE_WAIT", "ACK"),
    "rcv RST": ["CLOSED", null],
    timeout: stay("CLOSE_WAIT", "ACK"),
  },
  CLOSING: {
    ...synchronized("CLOSING"),
    send: stay("CLOSING"),
    close: stay("CLOSING"),
    abort: ["CLOSED", null],
    "rcv ACK": ["TIME_WAIT", null],
    "rcv FIN": stay("CLOSING", "ACK"),
    // A retransmitted FIN ends at RCV.NXT and is acceptable (the Linux/BSD reading): its ACK of our FIN counts.
    "rcv FIN+ACK": ["TIME_WAIT", "ACK"],
    "rcv RST": ["CLOSED", null],
    timeout: stay("CLOSING", "FIN+ACK"),
  },
  LAST_ACK: {
    ...synchronized("LAST_ACK"),
    send: stay("LAST_ACK"),
    close: stay("LAST_ACK"),
    abort: ["CLOSED", null],
    "rcv ACK": ["CLOSED", null],
    "rcv FIN": stay("LAST_ACK", "ACK"),
    // Likewise: our FIN is acknowledged, so delete the TCB and return, sending nothing.
    "rcv FIN+ACK": ["CLOSED", null],
    "rcv RST": ["CLOSED", null],
    timeout: stay("LAST_ACK", "FIN+ACK"),
  },
  TIME_WAIT: {
    ...synchronized("TIME_WAIT"),
    send: stay("TIME_WAIT"),
    close: stay("TIME_WAIT"),
    abort: ["CLOSED", null],
    "rcv ACK": stay("TIME_WAIT"),
    "rcv FIN": stay("TIME_WAIT", "ACK"),
    "rcv FIN+ACK": stay("TIME_WAIT", "ACK"),
    "rcv RST": ["CLOSED", null],
    timeout: ["CLOSED", null],
  },
};


const key = (state: TcpState, event: TcpEvent) => `${state}|${event}`;

const MATRIX = TCP_STATES.flatMap((from) =>
  TCP_EVENTS.map((event) => {
    const [to, sends] = EXPECTED[from][event];
    return { from, event, to, sends };
  }),
);

/** The arrows of RFC 9293 Figure 5 (section 3.3.2), as drawn. */
const FIGURE_5: readonly { from: TcpState; label: string; to: TcpState; events: TcpEvent[] }[] = [
  { from: "CLOSED", label: "passive OPEN / create TCB", to: "LISTEN", events: ["passive open"] },
  { from: "CLOSED", label: "active OPEN / create TCB, snd SYN", to: "SYN_SENT", events: ["active open"] },
  { from: "LISTEN", label: "CLOSE / delete TCB", to: "CLOSED", events: ["close"] },
  { from: "LISTEN", label: "rcv SYN / snd SYN,ACK", to: "SYN_RECEIVED", events: ["rcv SYN"] },
  { from: "LISTEN", label: "SEND / snd SYN", to: "SYN_SENT", events: ["send"] },
  { from: "SYN_SENT", label: "CLOSE / delete TCB", to: "CLOSED", events: ["close"] },
  { from: "SYN_SENT", label: "rcv SYN / snd SYN,ACK", to: "SYN_RECEIVED", events: ["rcv SYN"] },
  { from: "SYN_SENT", label: "rcv SYN,ACK / snd ACK", to: "ESTABLISHED", events: ["rcv SYN+ACK"] },
  { from: "SYN_RECEIVED", label: "rcv RST (note 1)", to: "LISTEN", events: ["rcv RST"] },
  { from: "SYN_RECEIVED", label: "rcv ACK of SYN", to: "ESTABLISHED", events: ["rcv ACK"] },
  { from: "SYN_RECEIVED", label: "CLOSE / snd FIN", to: "FIN_WAIT_1", events: ["close"] },
  { from: "ESTABLISHED", label: "CLOSE / snd FIN", to: "FIN_WAIT_1", events: ["close"] },
  { from: "ESTABLISHED", label: "rcv FIN / snd ACK", to: "CLOSE_WAIT", events: ["rcv FIN"] },
  { from: "FIN_WAIT_1", label: "rcv ACK of FIN", to: "FIN_WAIT_2", events: ["rcv ACK"] },
  { from: "FIN_WAIT_1", label: "rcv FIN / snd ACK", to: "CLOSING", events: ["rcv FIN"] },
  // In FIN-WAIT-2 our FIN is already acknowledged, so the peer's FIN may or may not repeat that ACK: both events are this arrow.
  { from: "FIN_WAIT_2", label: "rcv FIN / snd ACK", to: "TIME_WAIT", events: ["rcv FIN", "rcv FIN+ACK"] },
  { from: "CLOSE_WAIT", label: "CLOSE / snd FIN", to: "LAST_ACK", events: ["close"] },
  { from: "CLOSING", label: "rcv ACK of FIN", to: "TIME_WAIT", events: ["rcv ACK"] },
  { from: "LAST_ACK", label: "rcv ACK of FIN", to: "CLOSED", events: ["rcv ACK"] },
  { from: "TIME_WAIT", label: "Timeout=2MSL / delete TCB", to: "CLOSED", events: ["timeout"] },
];


const FIGURE_5_ROWS = FIGURE_5.flatMap((arrow) => arrow.events.map((event) => ({ ...arrow, event })));

function differingRows(machine: Machine): string[] {
  const reference = allOutcomes(REFERENCE_MACHINE);
  return allOutcomes(machine)
    .filter((outcome, i) => JSON.stringify(outcome) !== JSON.stringify(reference[i]))
    .map((outcome) => key(outcome.from, outcome.event));
}

describe("the reference machine, RFC 9293 section 3.10", () => {
  it.each(MATRIX)("$from + $event → $to, sends $sends", ({ from, event, to, sends }) => {
    const outcome = transition(from, event);
    expect({ to: outcome.to, sends: outcome.sends }).toEqual({ to, sends });
  });

  it("the expectation matrix itself covers 11 states × 12 events", () => {
    expect(TCP_STATES).toHaveLength(11);
    expect(TCP_EVENTS).toHaveLength(12);
    expect(MATRIX).toHaveLength(132);
  });
});

describe("the table is complete and unique", () => {
  it("allOutcomes has 132 entries, one per state × event pair, in table order", () => {
    const outcomes = allOutcomes();
    expect(outcomes).toHaveLength(132);
    expect(new Set(outcomes.map((o) => key(o.from, o.event))).size).toBe(132);
    expect(outcomes.map((o) => key(o.from, o.event))).toEqual(MATRIX.map((row) => key(row.from, row.event)));
  });

  it("TRANSITIONS has exactly 132 rows, no pair twice", () => {
    expect(TRANSITIONS).toHaveLength(132);
    expect(new Set(TRANSITIONS.map((row) => key(row.from, row.event))).size).toBe(132);
  });

  it("allOutcomes refuses a machine with a missing row", () => {
    const partial: Machine = { name: "partial", description: "one row short", rows: TRANSITIONS.slice(1) };
    expect(() => allOutcomes(partial)).toThrow(/no row for CLOSED × passive open/);
  });

  it("allOutcomes refuses a machine with a row for a state that does not exist", () => {
    const extra: Machine = {
      name: "extra",
      description: "a row for a state that does not exist",
      rows: [...TRANSITIONS, { ...TRANSITIONS[0], from: "HALF_OPEN" as TcpState }],
    };
    expect(() => allOutcomes(extra)).toThrow(/133 rows for 132/);
  });
});

describe("every row is documented", () => {
  it.each(allOutcomes())("$from + $event has a note and an RFC 9293 section", (outcome) => {
    expect(outcome.note.trim().length).toBeGreaterThan(10);
    expect(outcome.rfc).toMatch(/^3(\.\d+){1,3}$/);
    expect(OUTCOME_KINDS).toContain(outcome.kind);
  });

  it("segment rows cite 3.10.7 (or 3.5 for simultaneous open), timer rows 3.10.8, user calls 3.10.1-3.10.5", () => {
    for (const outcome of allOutcomes()) {
      if (outcome.event.startsWith("rcv ")) expect(outcome.rfc, key(outcome.from, outcome.event)).toMatch(/^3\.10\.7\.[1-4]$|^3\.5$/);
      else if (outcome.event === "timeout") expect(outcome.rfc).toBe("3.10.8");
      else expect(outcome.rfc, key(outcome.from, outcome.event)).toMatch(/^3\.10\.[1-5]$/);
    }
  });
});

describe("kind", () => {
  const outcomes = allOutcomes();

  it.each(outcomes.filter((o) => o.kind === "error"))("error: $from + $event leaves the state alone and sends nothing", (outcome) => {
    expect(outcome.to).toBe(outcome.from);
    expect(outcome.sends).toBeNull();
    expect(outcome.error).toMatch(/^connection (already exists|does not exist|closing)$/);
  });

  it("only user calls are refused with an error", () => {
    const errors = outcomes.filter((o) => o.kind === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const outcome of errors) expect(["passive open", "active open", "send", "close", "abort"]).toContain(outcome.event);
  });

  it("reply rows keep the state and send; no-change rows keep the state and send nothing; transitions change the state", () => {
    for (const outcome of outcomes) {
      const where = key(outcome.from, outcome.event);
      if (outcome.kind === "reply") expect({ where, stays: outcome.to === outcome.from, sends: outcome.sends !== null }).toEqual({ where, stays: true, sends: true });
      if (outcome.kind === "no-change") expect({ where, to: outcome.to, sends: outcome.sends }).toEqual({ where, to: outcome.from, sends: null });
      if (outcome.kind === "transition" || outcome.kind === "arrow") expect(outcome.to, where).not.toBe(outcome.from);
    }
  });

  it("Figure 5 has 20 arrows, and each ends where the table's row ends", () => {
    expect(FIGURE_5).toHaveLength(20);
    for (const arrow of FIGURE_5_ROWS) expect(transition(arrow.from, arrow.event).to, `${arrow.from} ${arrow.label}`).toBe(arrow.to);
  });

  it("every arrow row is an arrow of Figure 5", () => {
    const drawn = new Set(FIGURE_5_ROWS.map((arrow) => key(arrow.from, arrow.event)));
    const arrows = diagramArrows().map((o) => key(o.from, o.event));
    expect(arrows.filter((pair) => !drawn.has(pair))).toEqual([]);
    expect(diagramArrows()).toEqual(outcomes.filter((o) => o.kind === "arrow"));
  });

  it.each(FIGURE_5_ROWS)(
    "Figure 5 draws $from --$label--> $to: the row for $event is an arrow",
    (arrow) => {
      expect(transition(arrow.from, arrow.event).kind).toBe("arrow");
    },
  );

  // Regression: the row was once marked `transition`; Figure 5 draws "rcv RST (note 1)"
  // from SYN-RCVD to LISTEN, conditional on a passive OPEN, but drawn.
  it("Figure 5 draws SYN_RECEIVED --rcv RST (note 1)--> LISTEN, so the row is an arrow", () => {
    expect(transition("SYN_RECEIVED", "rcv RST").kind).toBe("arrow");
  });

  it("the transitions Figure 5 leaves out are marked transition, not arrow (note 2: FIN_WAIT_1 + FIN+ACK → TIME_WAIT)", () => {
    const row = transition("FIN_WAIT_1", "rcv FIN+ACK");
    expect(row.kind).toBe("transition");
    expect(row.to).toBe("TIME_WAIT");
  });
});

describe("SYN_RECEIVED + rcv RST depends on how the connection was opened (3.10.7.4 second check)", () => {
  it("after a passive OPEN → LISTEN, the user is not told", () => {
    const outcome = transition("SYN_RECEIVED", "rcv RST");
    expect(outcome).toMatchObject({ to: "LISTEN", sends: null });
    expect(outcome.error).toBeUndefined();
    expect(transition("SYN_RECEIVED", "rcv RST", { activeOpen: false }).to).toBe("LISTEN");
  });

  it("after an active OPEN (simultaneous open) → CLOSED, connection refused", () => {
    const outcome = transition("SYN_RECEIVED", "rcv RST", { activeOpen: true });
    expect(outcome).toMatchObject({ from: "SYN_RECEIVED", event: "rcv RST", to: "CLOSED", sends: null, error: "connection refused" });
    expect(outcome.note).toMatch(/refused/);
    expect(outcome).not.toHaveProperty("whenActiveOpen");
  });

  it("no other row depends on the context", () => {
    for (const state of TCP_STATES) {
      for (const event of TCP_EVENTS) {
        if (state === "SYN_RECEIVED" && event === "rcv RST") continue;
        expect(transition(state, event, { activeOpen: true }), key(state, event)).toEqual(transition(state, event));
      }
    }
  });
});

describe("counterfactual machines differ from RFC 9293 only in their stated rows", () => {
  it("TWO_WAY_HANDSHAKE_MACHINE: LISTEN + rcv SYN and SYN_SENT + rcv SYN+ACK", () => {
    expect(differingRows(TWO_WAY_HANDSHAKE_MACHINE).sort()).toEqual(["LISTEN|rcv SYN", "SYN_SENT|rcv SYN+ACK"]);
    expect(allOutcomes(TWO_WAY_HANDSHAKE_MACHINE)).toHaveLength(132);
  });

  it("TWO_WAY_HANDSHAKE_MACHINE: the server is ESTABLISHED on the first SYN, the client sends nothing back", () => {
    expect(transition("LISTEN", "rcv SYN", {}, TWO_WAY_HANDSHAKE_MACHINE)).toMatchObject({ to: "ESTABLISHED", sends: "SYN+ACK" });
    expect(transition("SYN_SENT", "rcv SYN+ACK", {}, TWO_WAY_HANDSHAKE_MACHINE)).toMatchObject({ to: "ESTABLISHED", sends: null });
  });

  it("NO_TIME_WAIT_MACHINE: exactly the five rows that enter TIME_WAIT", () => {
    const intoTimeWait = allOutcomes()
      .filter((o) => o.to === "TIME_WAIT" && o.from !== "TIME_WAIT")
      .map((o) => key(o.from, o.event));
    expect(differingRows(NO_TIME_WAIT_MACHINE).sort()).toEqual(intoTimeWait.sort());
    expect(intoTimeWait.sort()).toEqual(["CLOSING|rcv ACK", "CLOSING|rcv FIN+ACK", "FIN_WAIT_1|rcv FIN+ACK", "FIN_WAIT_2|rcv FIN", "FIN_WAIT_2|rcv FIN+ACK"]);
  });

  it("NO_TIME_WAIT_MACHINE: those rows go to CLOSED with the same segment sent", () => {
    for (const pair of differingRows(NO_TIME_WAIT_MACHINE)) {
      const [from, event] = pair.split("|") as [TcpState, TcpEvent];
      const counterfactual = transition(from, event, {}, NO_TIME_WAIT_MACHINE);
      expect(counterfactual.to, pair).toBe("CLOSED");
      expect(counterfactual.sends, pair).toBe(transition(from, event).sends);
    }
    expect(allOutcomes(NO_TIME_WAIT_MACHINE).filter((o) => o.to === "TIME_WAIT" && o.from !== "TIME_WAIT")).toEqual([]);
  });

  it("the counterfactual machines have their own names", () => {
    const names = [REFERENCE_MACHINE, TWO_WAY_HANDSHAKE_MACHINE, NO_TIME_WAIT_MACHINE].map((m) => m.name);
    expect(new Set(names).size).toBe(3);
    expect(REFERENCE_MACHINE.name).toBe("rfc9293");
  });
});

describe("transition() is pure data", () => {
  it("returns a fresh outcome each call; changing one does not change the table", () => {
    const first: Outcome = transition("ESTABLISHED", "close");
    first.to = "CLOSED";
    expect(transition("ESTABLISHED", "close").to).toBe("FIN_WAIT_1");
  });
});

import { describe, expect, it } from "vitest";
import {
  labelBetweenLifelines,
  labelsOverlap,
  layoutSequenceDiagram,
  NARROW_LAYOUT,
  WIDE_LAYOUT,
  wrapWords,
  type SequenceLayoutInput,
} from "@/components/diagram/sequence-layout";
import { runScenario, SCENARIOS, sentSegments } from "@/lib/sim";

const words = { lost: "lost", oldDuplicate: "old duplicate" };
const LAYOUTS = [
  ["wide", WIDE_LAYOUT],
  ["narrow", NARROW_LAYOUT],
] as const;
const runs = (["rfc9293", "linux"] as const).flatMap((profile) =>
  SCENARIOS.flatMap((scenario) =>
    [[], [1], [2, 3]].map((lose) => ({
      label: `${scenario.name} (${profile})${lose.length ? ` lose ${lose.join(",")}` : ""}`,
      trace: runScenario(scenario.name, { lose, profile }),
    })),
  ),
);

function layout(input: Partial<SequenceLayoutInput> & { trace: SequenceLayoutInput["trace"] }, options = WIDE_LAYOUT) {
  return layoutSequenceDiagram({ words, ...input }, options);
}

describe.each(LAYOUTS)("the %s sequence diagram", (_, options) => {
  it.each(runs.map((run) => [run.label, run.trace] as const))("%s: one arrow per segment, labels apart and between the lifelines", (_, trace) => {
    const result = layout({ trace }, options);
    expect(result.segments.map((arrow) => arrow.n)).toEqual(sentSegments(trace).map((segment) => segment.n));
    expect(result.rows).toHaveLength(trace.steps.length + 1);
    for (const arrow of result.segments) {
      expect(arrow.start.x).toBe(options.lifelines[arrow.from]);
      expect(labelBetweenLifelines(arrow.label, options), `#${arrow.n}`).toBe(true);
      for (const other of result.segments) {
        if (other.n < arrow.n) expect(labelsOverlap(arrow.label, other.label, options), `#${arrow.n} and #${other.n}`).toBe(false);
      }
    }
  });
});

describe("segments", () => {
  it("slant from the sender's row down to the row where they arrive", () => {
    const trace = runScenario("open");
    const result = layout({ trace });
    const rowY = (step: number) => result.rows[step + 1]!.y;
    const [syn, synAck] = result.segments;
    expect(syn).toMatchObject({ n: 1, from: "client", to: "server", sendStep: 0, endStep: 1, lost: false });
    expect(syn!.start).toEqual({ x: WIDE_LAYOUT.lifelines.client, y: rowY(0) });
    expect(syn!.end).toEqual({ x: WIDE_LAYOUT.lifelines.server, y: rowY(1) });
    expect(synAck!.start.x).toBe(WIDE_LAYOUT.lifelines.server);
    expect(syn!.label.above).toEqual(["#1 SYN"]);
    expect(syn!.label.below.join(" ")).toBe("seq=100");
    expect(synAck!.label.below.join(" ")).toBe("seq=300 ack=101");
  });

  it("end half-way, with no arrowhead, when lost", () => {
    const trace = runScenario("lost-syn");
    const lost = layout({ trace }).segments[0]!;
    const lostStep = trace.steps.findIndex((step) => step.lost === 1);
    expect(lost).toMatchObject({ lost: true, head: null, endStep: lostStep });
    expect(lost.end.x).toBe((WIDE_LAYOUT.lifelines.client + WIDE_LAYOUT.lifelines.server) / 2);
    expect(lost.label.above).toEqual(["#1 SYN"]);
    expect(lost.label.below.join(" ")).toBe("seq=100 (lost)");
  });

  it("mark old duplicates", () => {
    const trace = runScenario("old-duplicate-syn");
    const old = layout({ trace }).segments.find((arrow) => arrow.oldDuplicate)!;
    expect(old.label.above[0]).toMatch(/^#\d+ SYN \(old duplicate\)$/);
  });
});

describe("upToStep", () => {
  const trace = runScenario("open");

  it("dims the rows, states and segments after the current step", () => {
    const result = layout({ trace, upToStep: 1 });
    expect(result.rows.map((row) => row.future)).toEqual([false, false, true, true, true]);
    expect(result.rows.filter((row) => row.current).map((row) => row.step)).toEqual([0]);
    expect(result.segments.map((arrow) => arrow.future)).toEqual([false, true, true]);
    expect(result.states.filter((mark) => mark.future).map((mark) => `${mark.side}:${mark.state}`)).toEqual([
      "server:SYN_RECEIVED",
      "client:ESTABLISHED",
      "server:ESTABLISHED",
    ]);
  });

  it("draws a segment still in flight only part of the way", () => {
    const [syn] = layout({ trace, upToStep: 1 }).segments;
    expect(syn!.inFlightTo).not.toBeNull();
    expect(syn!.inFlightTo!.y).toBeLessThan(syn!.end.y);
    expect(layout({ trace, upToStep: 2 }).segments[0]!.inFlightTo).toBeNull();
  });

  it("marks the starting row as current before the first step", () => {
    expect(layout({ trace, upToStep: 0 }).rows[0]!.current).toBe(true);
  });
});

describe("blanks", () => {
  const trace = runScenario("close-client-first");

  it("hide one segment's flags and numbers", () => {
    const result = layout({ trace, blank: { kind: "segment", n: 2 } });
    expect(result.segments[1]!.label).toMatchObject({ above: ["#2 ?"], below: [] });
    expect(result.segments[0]!.label.above).toEqual(["#1 FIN+ACK"]);
  });

  it("hide one side's state at one step, and only that one", () => {
    const step = trace.steps.findIndex((s) => s.server === "CLOSE_WAIT");
    const result = layout({ trace, blank: { kind: "state", step, side: "server" } });
    expect(result.states.filter((mark) => mark.state === null)).toEqual([expect.objectContaining({ side: "server", step })]);
    expect(result.states.some((mark) => mark.state === "CLOSE_WAIT")).toBe(false);
    expect(result.states.some((mark) => mark.state === "LAST_ACK")).toBe(true);
  });
});

describe("long pauses", () => {
  it("break the lifelines before the 2MSL timeout", () => {
    const result = layout({ trace: runScenario("close-client-first") });
    expect(result.rows.at(-1)!.pauseAbove).toBe(true);
    expect(result.lifelineSpans.filter((span) => span.pause)).toHaveLength(1);
  });
});

describe("wrapWords", () => {
  it("packs words into lines no wider than asked", () => {
    expect(wrapWords(["seq=300", "ack=101", "len=100"], 100, 10)).toEqual(["seq=300 ack=101", "len=100"]);
    expect(wrapWords(["seq=300", "ack=101"], 30, 10)).toEqual(["seq=300", "ack=101"]);
    expect(wrapWords([], 100, 10)).toEqual([]);
  });
});

describe("a segment back to its sender (self-connect)", () => {
  const trace = runScenario("self-connect");
  const layout = layoutSequenceDiagram({ trace, words: { lost: "lost", oldDuplicate: "old duplicate" } }, WIDE_LAYOUT);

  it("loops out towards the other lifeline and back to its own", () => {
    for (const arrow of layout.segments) {
      expect(arrow.to).toBe("client");
      expect(arrow.start.x).toBe(WIDE_LAYOUT.lifelines.client);
      expect(arrow.end.x).toBe(WIDE_LAYOUT.lifelines.client);
      expect(arrow.via!.x).toBeGreaterThan(WIDE_LAYOUT.lifelines.client);
      expect(arrow.via!.x).toBeLessThan(WIDE_LAYOUT.lifelines.server);
      expect(arrow.end.y).toBeGreaterThan(arrow.start.y);
    }
  });

  it("puts each label beside its loop, between the lifelines, apart from the others", () => {
    for (const arrow of layout.segments) {
      expect(labelBetweenLifelines(arrow.label, WIDE_LAYOUT)).toBe(true);
      expect(arrow.label.x).toBeGreaterThan(arrow.via!.x);
    }
    const [a, b] = layout.segments;
    expect(labelsOverlap(a!.label, b!.label, WIDE_LAYOUT)).toBe(false);
  });
});

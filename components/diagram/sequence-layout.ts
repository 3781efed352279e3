import { peerOf, type Side, type Trace } from "@/lib/sim";
import type { TcpState } from "@/lib/tcp";
import { arrowhead, type Point } from "./geometry";
import { labelTokens, loopLabel, placeSegmentLabel, segmentLabelShape, type LabelShape, type SegmentLabel } from "./segment-labels";

export type { SegmentLabel };
export { labelBetweenLifelines, labelsOverlap, labelTokens, wrapWords } from "./segment-labels";

/*
 * The geometry of a sequence diagram: client and server lifelines, one row
 * per trace step (time runs down, evenly per step, since the steps of one
 * trace lie milliseconds or minutes apart), each segment a line slanting
 * from the row that sent it to the row where it arrived or was lost. A
 * segment that comes back to its sender (a self-connect) loops out towards
 * the other lifeline and back.
 */

export interface SequenceLayoutOptions {
  width: number;
  lifelines: Record<Side, number>;
  rowHeight: number;
  /** Extra room before a step that comes long after the one before. */
  pauseHeight: number;
  labelFont: number;
  stateFont: number;
  timeFont: number;
  /** Where state and time labels sit relative to their row line. */
  stateDy: number;
  timeDy: number;
}

/** For containers of 540 px and more. */
export const WIDE_LAYOUT: SequenceLayoutOptions = {
  width: 640,
  lifelines: { client: 150, server: 490 },
  rowHeight: 54,
  pauseHeight: 26,
  labelFont: 12,
  stateFont: 12,
  timeFont: 10,
  stateDy: 4,
  timeDy: 4,
};

/** For phones: drawn at about one unit per pixel in a 320–540 px container. */
export const NARROW_LAYOUT: SequenceLayoutOptions = {
  width: 350,
  lifelines: { client: 76, server: 274 },
  rowHeight: 50,
  pauseHeight: 22,
  labelFont: 10.5,
  stateFont: 9.5,
  timeFont: 8.5,
  stateDy: 11,
  timeDy: -5,
};

/** A pause this long (ms) between two steps leaves a visible break in the lifelines. */
const PAUSE_MS = 2_000;
const HEADER_HEIGHT = 30;
const FIRST_ROW = 52;

export type SequenceBlank = { kind: "segment"; n: number } | { kind: "state"; step: number; side: Side };

export interface SequenceRow {
  /** The step index, or -1 for the starting states. */
  step: number;
  y: number;
  t: number | null;
  /** The sides that acted in this step. */
  actors: Side[];
  future: boolean;
  current: boolean;
  /** The lifelines break above this row (a long pause). */
  pauseAbove: boolean;
}

export interface StateMark {
  side: Side;
  step: number;
  /** The state, or null when it is the blank to fill in. */
  state: TcpState | null;
  x: number;
  y: number;
  anchor: "start" | "end";
  future: boolean;
}

export interface SegmentArrow {
  n: number;
  from: Side;
  to: Side;
  sendStep: number;
  /** The step it arrived at or was lost at, or null if the trace ends first. */
  endStep: number | null;
  lost: boolean;
  oldDuplicate: boolean;
  blank: boolean;
  start: Point;
  /** Where the line ends: the receiver's lifeline, or half-way for a lost segment. */
  end: Point;
  /** For a segment back to its own sender: the turn of the loop, between `start` and `end`. */
  via?: Point;
  /** Arrowhead points, or null for a lost segment (it ends in a cross). */
  head: string | null;
  /** The line the label follows (whole sender-to-receiver line, even if lost). */
  label: SegmentLabel;
  /** Sent after the current step. */
  future: boolean;
  /** Sent, not yet arrived: the part drawn solid ends here. */
  inFlightTo: Point | null;
}

export interface SequenceLayout {
  options: SequenceLayoutOptions;
  width: number;
  height: number;
  headerY: number;
  rows: SequenceRow[];
  states: StateMark[];
  segments: SegmentArrow[];
  /** Where the lifelines run, split at long pauses. */
  lifelineSpans: { from: number; to: number; pause: boolean }[];
}

export interface SequenceLayoutInput {
  trace: Trace;
  /** Steps done: rows from this index on are dimmed. Defaults to all. */
  upToStep?: number;
  blank?: SequenceBlank;
  /** Extra words for labels: "lost", "old duplicate". */
  words: { lost: string; oldDuplicate: string };
}

export function layoutSequenceDiagram(input: SequenceLayoutInput, options: SequenceLayoutOptions): SequenceLayout {
  const { trace, blank } = input;
  const upTo = Math.max(0, Math.min(input.upToStep ?? trace.steps.length, trace.steps.length));
  const rows = layoutRows(trace, upTo, options);
  const rowY = (step: number) => rows[step + 1]!.y;
  const states = stateMarks(trace, rows, upTo, blank, options);
  const segments = segmentArrows(input, rowY, upTo, options);
  const last = rows[rows.length - 1]!;
  const height = last.y + options.rowHeight;
  return { options, width: options.width, height, headerY: HEADER_HEIGHT - 10, rows, states, segments, lifelineSpans: lifelineSpans(rows, height) };
}

function layoutRows(trace: Trace, upTo: number, options: SequenceLayoutOptions): SequenceRow[] {
  const rows: SequenceRow[] = [{ step: -1, y: FIRST_ROW, t: null, actors: [], future: false, current: upTo === 0, pauseAbove: false }];
  let y = FIRST_ROW;
  let previousT = 0;
  trace.steps.forEach((step, index) => {
    const pauseAbove = index > 0 && step.t - previousT >= PAUSE_MS;
    y += options.rowHeight + (pauseAbove ? options.pauseHeight : 0);
    previousT = step.t;
    const actors: Side[] = step.at === "network" ? [] : [step.at];
    rows.push({ step: index, y, t: step.t, actors, future: index >= upTo, current: index === upTo - 1, pauseAbove });
  });
  return rows;
}

function lifelineSpans(rows: SequenceRow[], height: number): SequenceLayout["lifelineSpans"] {
  const spans: SequenceLayout["lifelineSpans"] = [];
  let from = HEADER_HEIGHT;
  rows.forEach((row, i) => {
    if (!row.pauseAbove) return;
    const previous = rows[i - 1]!;
    const gapTop = previous.y + 14;
    const gapBottom = row.y - 14;
    spans.push({ from, to: gapTop, pause: false }, { from: gapTop, to: gapBottom, pause: true });
    from = gapBottom;
  });
  spans.push({ from, to: height - 8, pause: false });
  return spans;
}

function stateMarks(trace: Trace, rows: SequenceRow[], upTo: number, blank: SequenceBlank | undefined, options: SequenceLayoutOptions): StateMark[] {
  const marks: StateMark[] = [];
  const mark = (side: Side, step: number, state: TcpState, y: number) => {
    const hidden = blank?.kind === "state" && blank.side === side && blank.step === step;
    const x = side === "client" ? options.lifelines.client - 6 : options.lifelines.server + 6;
    marks.push({ side, step, state: hidden ? null : state, x, y: y + options.stateDy, anchor: side === "client" ? "end" : "start", future: step >= upTo });
  };
  const start = rows[0]!;
  mark("client", -1, trace.initial.client, start.y);
  mark("server", -1, trace.initial.server, start.y);
  let previous = { ...trace.initial };
  trace.steps.forEach((step, index) => {
    for (const side of ["client", "server"] as const) {
      const isBlank = blank?.kind === "state" && blank.side === side && blank.step === index;
      if (step[side] !== previous[side] || isBlank) mark(side, index, step[side], rows[index + 1]!.y);
    }
    previous = { client: step.client, server: step.server };
  });
  return marks;
}

function segmentArrows(input: SequenceLayoutInput, rowY: (step: number) => number, upTo: number, options: SequenceLayoutOptions): SegmentArrow[] {
  const { trace, blank, words } = input;
  const ends = new Map<number, { step: number; lost: boolean }>();
  trace.steps.forEach((step, index) => {
    if (step.received !== undefined && !ends.has(step.received)) ends.set(step.received, { step: index, lost: false });
    if (step.lost !== undefined && !ends.has(step.lost)) ends.set(step.lost, { step: index, lost: true });
  });
  const placed: LabelShape[] = [];
  const arrows: Omit<SegmentArrow, "label">[] = [];
  trace.steps.forEach((step, index) => {
    if (!step.segment) return;
    const segment = step.segment;
    const to = segment.to ?? peerOf(segment.from);
    const endInfo = ends.get(segment.n) ?? null;
    const endStep = endInfo?.step ?? null;
    const start = { x: options.lifelines[segment.from], y: rowY(index) };
    const arrival = { x: options.lifelines[to], y: endStep === null ? rowY(index) + options.rowHeight : rowY(endStep) };
    const via = to === segment.from ? loopTurn(start, arrival, options.lifelines[peerOf(segment.from)]) : undefined;
    const lost = endInfo?.lost ?? false;
    const end = lost ? (via ?? { x: (start.x + arrival.x) / 2, y: (start.y + arrival.y) / 2 }) : arrival;
    const inFlight = index < upTo && (endStep === null || endStep >= upTo);
    const currentY = rowY(upTo - 1);
    const flightY = Math.min(currentY + options.rowHeight * 0.4, end.y);
    const inFlightTo = !inFlight ? null : via && flightY > via.y ? pointAtY(via, arrival, flightY) : pointAtY(start, via ?? arrival, flightY);
    arrows.push({
      n: segment.n,
      from: segment.from,
      to,
      sendStep: index,
      endStep,
      lost,
      oldDuplicate: step.event === "old duplicate",
      blank: blank?.kind === "segment" && blank.n === segment.n,
      start,
      end,
      ...(via ? { via } : {}),
      head: lost ? null : arrowhead(via ?? start, end, 9, 4).points,
      future: index >= upTo,
      inFlightTo,
    });
  });
  const lines = arrows.flatMap((arrow) =>
    arrow.via
      ? [
          { n: arrow.n, start: arrow.start, end: arrow.via },
          { n: arrow.n, start: arrow.via, end: arrow.end },
        ]
      : [{ n: arrow.n, start: arrow.start, end: arrow.end }],
  );
  // Labels on short lines have the fewest places to go, so they choose first.
  const order = [...arrows].sort((a, b) => span(a) - span(b) || a.n - b.n);
  const labels = new Map<number, SegmentLabel>();
  for (const arrow of order) {
    const segment = trace.steps[arrow.sendStep]!.segment!;
    const tokens = labelTokens(segment, arrow, words);
    const label = arrow.via ? loopLabel(arrow.via, tokens, options) : placeSegmentLabel(arrow, tokens, options, lines, placed);
    placed.push(segmentLabelShape(label, options));
    labels.set(arrow.n, label);
  }
  return arrows.map((arrow) => ({ ...arrow, label: labels.get(arrow.n)! }));
}

/** How far towards the other lifeline a loop reaches. */
const LOOP_REACH = 0.35;

function loopTurn(start: Point, arrival: Point, otherLifeline: number): Point {
  return { x: start.x + (otherLifeline - start.x) * LOOP_REACH, y: (start.y + arrival.y) / 2 };
}

function span(arrow: Omit<SegmentArrow, "label">): number {
  return Math.abs(arrow.end.y - arrow.start.y) * (arrow.lost ? 2 : 1);
}

function pointAtY(a: Point, b: Point, y: number): Point {
  if (b.y === a.y) return b;
  const t = Math.max(0, Math.min(1, (y - a.y) / (b.y - a.y)));
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}


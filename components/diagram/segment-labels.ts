import type { Segment } from "@/lib/sim";
import { round, textWidth, type Point } from "./geometry";
import type { SegmentArrow, SequenceLayoutInput, SequenceLayoutOptions } from "./sequence-layout";

/*
 * Where a segment's label goes: along its line ("#2 SYN+ACK" above,
 * "seq=300 ack=101" below), at the spot that touches no other label, keeps
 * between the lifelines and crosses the fewest other lines.
 */

export interface SegmentLabel {
  /** Centre of the label, on the segment's line. */
  x: number;
  y: number;
  /** Degrees, so that the text runs along the line and reads left to right. */
  angle: number;
  above: string[];
  below: string[];
  width: number;
}

/**
 * The words of a label: the head "#2 SYN+ACK" (with "(old duplicate)" when
 * so) above the line, the numbers "seq=300 ack=101 len=100" below, then
 * "(lost)" for a segment that is.
 */
export function labelTokens(
  segment: Segment,
  arrow: Pick<SegmentArrow, "blank" | "lost" | "oldDuplicate">,
  words: SequenceLayoutInput["words"],
): { head: string[]; rest: string[] } {
  const head = [`#${segment.n} ${arrow.blank ? "?" : segment.flags}`, arrow.oldDuplicate ? `(${words.oldDuplicate})` : ""].filter(Boolean);
  const lost = arrow.lost ? [`(${words.lost})`] : [];
  if (arrow.blank) return { head, rest: lost };
  const numbers = [`seq=${segment.seq}`, segment.ack === null ? "" : `ack=${segment.ack}`, segment.len > 0 ? `len=${segment.len}` : ""];
  return { head, rest: [...numbers.filter(Boolean), ...lost] };
}

/** Greedy wrapping of words into lines no wider than `maxWidth`. */
export function wrapWords(words: string[], maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const MAX_TEXT_ANGLE = 30;

/** Where along its line a label may sit, best first. */
const LABEL_STEPS = [0.5, 0.42, 0.58, 0.35, 0.65, 0.28, 0.72, 0.2, 0.8, 0.14, 0.86];
const FINE_STEPS = Array.from({ length: 21 }, (_, i) => 0.5 + (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * 0.04);

/** A rectangle turned to run along a segment: `along` and `across` its line, measured from `center`. */
interface RotatedRect {
  center: Point;
  /** Unit vectors along and across the text. */
  u: Point;
  v: Point;
  halfWidth: number;
  /** Across the line, from `top` (negative: above) to `bottom`. */
  top: number;
  bottom: number;
}

/** A label is two rectangles: the head above its line, the numbers below, each as wide as its own text. */
type RotatedBox = RotatedRect[];
export type LabelShape = RotatedBox;

type Arrow = Omit<SegmentArrow, "label">;
type Line = { n: number; start: Point; end: Point };

/** The label's text and turn, before it is placed: wrapped to the room its line gives. */
interface LabelText {
  full: { start: Point; end: Point };
  length: number;
  angle: number;
  /** A steep line's label stays level (unturned). */
  level: boolean;
  above: string[];
  below: string[];
  width: number;
}

export function placeSegmentLabel(
  arrow: Arrow,
  tokens: { head: string[]; rest: string[] },
  options: SequenceLayoutOptions,
  lines: Line[],
  placed: RotatedBox[],
): SegmentLabel {
  const text = labelText(arrow, tokens, options);
  const { full, angle, above, below, width } = text;
  // Only what lies within a few rows of this line can touch its label: long traces stay fast.
  const top = Math.min(full.start.y, full.end.y) - 3 * options.rowHeight;
  const bottom = Math.max(full.start.y, full.end.y) + 3 * options.rowHeight;
  const within = (y1: number, y2: number) => Math.max(y1, y2) >= top && Math.min(y1, y2) <= bottom;
  const nearby = lines.filter((line) => line.n !== arrow.n && within(line.start.y, line.end.y));
  const near = placed.filter((box) => within(box[0]!.center.y, box[0]!.center.y));
  let best: { label: SegmentLabel; cost: number } | null = null;
  for (const { t, dx, preferred } of candidates(arrow, text, options)) {
    const center = { x: full.start.x + (full.end.x - full.start.x) * t + dx, y: full.start.y + (full.end.y - full.start.y) * t };
    const label: SegmentLabel = { x: round(center.x), y: round(center.y), angle: round(angle), above, below, width };
    const box = rotatedBox(label, options);
    let cost = Math.abs(t - preferred) * 10 + (dx === 0 ? 0 : 1);
    if (!insideMiddle(box, options)) cost += 500;
    for (const other of near) if (rotatedOverlap(box, other)) cost += 1000;
    for (const line of nearby) cost += 4 * samplesInside(box, line.start, line.end);
    // The cross that ends a lost segment stays clear of its own label.
    if (arrow.lost && contains(inflateBox(box, 7), arrow.end)) cost += 200;
    if (!best || cost < best.cost) best = { label, cost };
  }
  return best!.label;
}

function labelText(arrow: Arrow, tokens: { head: string[]; rest: string[] }, options: SequenceLayoutOptions): LabelText {
  const receiver = { x: options.lifelines[arrow.to], y: arrow.lost ? arrow.start.y + 2 * (arrow.end.y - arrow.start.y) : arrow.end.y };
  const full = { start: arrow.start, end: receiver };
  const length = Math.hypot(full.end.x - full.start.x, full.end.y - full.start.y);
  let angle = (Math.atan2(full.end.y - full.start.y, full.end.x - full.start.x) * 180) / Math.PI;
  if (angle > 90 || angle < -90) angle += 180;
  if (angle > 180) angle -= 360;
  // Text turned more than this is hard to read: a steep (delayed) segment gets a level label, kept narrow.
  const level = Math.abs(angle) > MAX_TEXT_ANGLE;
  const middle = options.lifelines.server - options.lifelines.client;
  // A lost segment's line stops half-way at its cross; its label goes on the empty half beyond,
  // where the segment never arrived, away from the segments that meet at the sender.
  const room = level ? middle * 0.55 : (arrow.lost ? length / 2 - 8 : length) - 16;
  const above = wrapWords(tokens.head, room, options.labelFont);
  const below = wrapWords(tokens.rest, room, options.labelFont);
  const width = Math.max(...[...above, ...below].map((line) => textWidth(line, options.labelFont)));
  return { full, length, angle: level ? 0 : angle, level, above, below, width };
}

/** Places to try: `t` along the (whole) line, `dx` aside for a level label, and the `t` it would rather have. */
function candidates(arrow: Arrow, text: LabelText, options: SequenceLayoutOptions): { t: number; dx: number; preferred: number }[] {
  const beyondCross = 0.5 + (10 + text.width / 2) / text.length;
  const rows = Math.abs(text.full.end.y - text.full.start.y) / options.rowHeight;
  let steps: number[];
  if (text.level) steps = FINE_STEPS.filter((t) => !arrow.lost || t <= 0.5);
  else if (arrow.lost) steps = [beyondCross, beyondCross + 0.03, beyondCross + 0.06, 0.5, 0.3, 0.25];
  // A long line has room for its label in many places: try them all.
  else steps = rows > 2.5 ? FINE_STEPS : LABEL_STEPS;
  const preferred = arrow.lost && !text.level ? beyondCross : 0.5;
  // A level label may also stand beside its steep line instead of across it.
  const sideways = text.level ? [0, text.width / 2 + 8, -(text.width / 2 + 8)] : [0];
  return steps.flatMap((t) => sideways.map((dx) => ({ t, dx, preferred })));
}

/**
 * The label of a segment that loops back to its sender: level, just beyond
 * the loop's turn, in the room between the turn and the other lifeline.
 */
export function loopLabel(turn: Point, tokens: { head: string[]; rest: string[] }, options: SequenceLayoutOptions): SegmentLabel {
  const farEdge = turn.x < (options.lifelines.client + options.lifelines.server) / 2 ? options.lifelines.server : options.lifelines.client;
  const room = Math.abs(farEdge - turn.x) - 16;
  const above = wrapWords(tokens.head, room, options.labelFont);
  const below = wrapWords(tokens.rest, room, options.labelFont);
  const width = Math.max(...[...above, ...below].map((line) => textWidth(line, options.labelFont)));
  const x = turn.x + Math.sign(farEdge - turn.x) * (8 + width / 2);
  return { x: round(x), y: round(turn.y), angle: 0, above, below, width };
}

export function segmentLabelShape(label: SegmentLabel, options: SequenceLayoutOptions): RotatedBox {
  return rotatedBox(label, options);
}

function rotatedBox(label: SegmentLabel, options: SequenceLayoutOptions): RotatedBox {
  const radians = (label.angle * Math.PI) / 180;
  const u = { x: Math.cos(radians), y: Math.sin(radians) };
  const v = { x: -u.y, y: u.x };
  const lineHeight = options.labelFont * 1.2;
  const half = (lines: string[]) => Math.max(0, ...lines.map((line) => textWidth(line, options.labelFont))) / 2 + 3;
  const center = { x: label.x, y: label.y };
  const rects: RotatedRect[] = [{ center, u, v, halfWidth: half(label.above), top: -(label.above.length * lineHeight + 3), bottom: 0 }];
  if (label.below.length > 0) rects.push({ center, u, v, halfWidth: half(label.below), top: 0, bottom: label.below.length * lineHeight + 3 });
  return rects;
}

function corners(rect: RotatedRect): Point[] {
  const at = (along: number, across: number) => ({
    x: rect.center.x + rect.u.x * along + rect.v.x * across,
    y: rect.center.y + rect.u.y * along + rect.v.y * across,
  });
  return [at(-rect.halfWidth, rect.top), at(rect.halfWidth, rect.top), at(rect.halfWidth, rect.bottom), at(-rect.halfWidth, rect.bottom)];
}

function insideMiddle(box: RotatedBox, options: SequenceLayoutOptions): boolean {
  return box.flatMap(corners).every((p) => p.x > options.lifelines.client + 3 && p.x < options.lifelines.server - 3);
}

function contains(box: RotatedBox, p: Point): boolean {
  return box.some((rect) => {
    const dx = p.x - rect.center.x;
    const dy = p.y - rect.center.y;
    const along = dx * rect.u.x + dy * rect.u.y;
    const across = dx * rect.v.x + dy * rect.v.y;
    return Math.abs(along) <= rect.halfWidth && across >= rect.top && across <= rect.bottom;
  });
}

function samplesInside(box: RotatedBox, start: Point, end: Point): number {
  let count = 0;
  for (let i = 0; i <= 20; i++) {
    const t = i / 20;
    if (contains(box, { x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t })) count++;
  }
  return count;
}

function inflateBox(box: RotatedBox, by: number): RotatedBox {
  return box.map((rect) => ({ ...rect, halfWidth: rect.halfWidth + by, top: rect.top - by, bottom: rect.bottom + by }));
}

function rotatedOverlap(a: RotatedBox, b: RotatedBox): boolean {
  return a.some((first) => b.some((second) => rectsOverlap(first, second)));
}

/** Separating-axis test for two rotated rectangles. */
function rectsOverlap(a: RotatedRect, b: RotatedRect): boolean {
  const pointsA = corners(a);
  const pointsB = corners(b);
  for (const axis of [a.u, a.v, b.u, b.v]) {
    const projectA = pointsA.map((p) => p.x * axis.x + p.y * axis.y);
    const projectB = pointsB.map((p) => p.x * axis.x + p.y * axis.y);
    if (Math.max(...projectA) < Math.min(...projectB) || Math.max(...projectB) < Math.min(...projectA)) return false;
  }
  return true;
}

/** For tests: do two placed labels overlap? */
export function labelsOverlap(a: SegmentLabel, b: SegmentLabel, options: SequenceLayoutOptions): boolean {
  return rotatedOverlap(rotatedBox(a, options), rotatedBox(b, options));
}

/** For tests: does a label stay between the lifelines? */
export function labelBetweenLifelines(label: SegmentLabel, options: SequenceLayoutOptions): boolean {
  return insideMiddle(rotatedBox(label, options), options);
}

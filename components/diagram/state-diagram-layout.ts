import { TCP_STATES, type Outcome, type TcpState } from "@/lib/tcp";
import {
  arrowhead,
  boxAround,
  boxContains,
  boxesOverlap,
  direction,
  exitPoint,
  inflate,
  quadraticAt,
  round,
  textWidth,
  type Box,
  type Point,
} from "./geometry";

/*
 * The layout of RFC 9293 Figure 5: where each state sits, how each arrow of
 * the machine's table is routed, where its label goes. Only positions are
 * written here; which arrows exist comes from the table (`diagramArrows()`).
 */

export const DIAGRAM_WIDTH = 760;
export const DIAGRAM_HEIGHT = 830;
export const NODE_WIDTH = 140;
export const NODE_HEIGHT = 44;
export const LABEL_FONT_SIZE = 12;
export const LABEL_LINE_HEIGHT = 15;

const LEFT = 90;
const CENTRE = 380;
const RIGHT = 670;

/** Centres of the states, placed as in Figure 5. */
export const STATE_POSITIONS: Readonly<Record<TcpState, Point>> = {
  CLOSED: { x: CENTRE, y: 40 },
  LISTEN: { x: CENTRE, y: 160 },
  SYN_RECEIVED: { x: LEFT, y: 290 },
  SYN_SENT: { x: RIGHT, y: 290 },
  ESTABLISHED: { x: CENTRE, y: 410 },
  FIN_WAIT_1: { x: LEFT, y: 530 },
  CLOSE_WAIT: { x: RIGHT, y: 530 },
  FIN_WAIT_2: { x: LEFT, y: 660 },
  CLOSING: { x: CENTRE, y: 660 },
  LAST_ACK: { x: RIGHT, y: 660 },
  TIME_WAIT: { x: CENTRE, y: 780 },
};

/** Figure 5 draws CLOSED a second time, bottom right, where the closing states end. */
export const SECOND_CLOSED: Point = { x: RIGHT, y: 780 };

export interface DiagramNode {
  /** The state, or "CLOSED-again" for the second CLOSED box. */
  key: string;
  state: TcpState;
  center: Point;
  box: Box;
  /** The second drawing of CLOSED. */
  repeat: boolean;
}

export interface LabelPlacement {
  anchor: "start" | "middle" | "end";
  /** The x of every line, and the baseline of each. */
  x: number;
  baselines: number[];
  lines: string[];
  box: Box;
}

export interface DiagramEdge {
  /** "FROM->TO", unique. */
  id: string;
  from: TcpState;
  to: TcpState;
  /** The outcomes of the table this edge draws (two when two events share it). */
  arrows: Outcome[];
  d: string;
  head: string;
  /** Points along the drawn line, for collision checks. */
  samples: Point[];
  label: LabelPlacement;
}

export interface StateDiagramLayout {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export const NODES: readonly DiagramNode[] = [
  ...TCP_STATES.map((state) => node(state, STATE_POSITIONS[state], false)),
  node("CLOSED", SECOND_CLOSED, true),
];

function node(state: TcpState, center: Point, repeat: boolean): DiagramNode {
  return { key: repeat ? `${state}-again` : state, state, center, box: boxAround(center, NODE_WIDTH, NODE_HEIGHT), repeat };
}

/** Arrows into CLOSED from the states below ESTABLISHED end at the second CLOSED, as in the figure. */
export function targetNode(from: TcpState, to: TcpState): DiagramNode {
  const repeat = to === "CLOSED" && STATE_POSITIONS[from].y > STATE_POSITIONS.ESTABLISHED.y;
  return NODES.find((candidate) => candidate.state === to && candidate.repeat === repeat)!;
}

export function sourceNode(from: TcpState): DiagramNode {
  return NODES.find((candidate) => candidate.state === from && !candidate.repeat)!;
}

/** The two lines of a two-way pair run this far either side of the line between the states. */
const PAIR_SHIFT = 11;
const BENDS = [70, -70, 130, -130];

export interface Route {
  /** The side a two-way edge is shifted to, where its label belongs; null for a single edge. */
  outside: Point | null;
  d: string;
  head: string;
  samples: Point[];
  /** The point at `t` along the line. */
  at: (t: number) => Point;
}

/**
 * A line from one state's box to another's: straight, shifted aside by
 * `shift` (along the right-hand normal of travel) when arrows run both
 * ways, bent when a straight line would cross another state.
 */
export function routeEdge(from: DiagramNode, to: DiagramNode, shift: number): Route {
  const u = direction(from.center, to.center);
  const normal = { x: -u.y, y: u.x };
  const a = { x: from.center.x + normal.x * shift, y: from.center.y + normal.y * shift };
  const b = { x: to.center.x + normal.x * shift, y: to.center.y + normal.y * shift };
  const others = NODES.filter((n) => n.key !== from.key && n.key !== to.key).map((n) => inflate(n.box, 6));
  const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const outside = shift === 0 ? null : { x: normal.x * Math.sign(shift), y: normal.y * Math.sign(shift) };
  const routes = [0, ...BENDS].map((bend) => buildRoute(from, to, a, b, { x: middle.x + normal.x * bend, y: middle.y + normal.y * bend }, outside));
  return routes.find((route) => !route.samples.some((p) => others.some((box) => boxContains(box, p)))) ?? routes[0]!;
}

/** How far a route keeps from every state but its own two. */
export function clearance(route: Route, from: DiagramNode, to: DiagramNode): number {
  const others = NODES.filter((n) => n.key !== from.key && n.key !== to.key);
  return Math.min(...route.samples.flatMap((p) => others.map((n) => distanceToBox(p, n.box))));
}

function distanceToBox(p: Point, box: Box): number {
  const dx = Math.max(box.x - p.x, 0, p.x - (box.x + box.width));
  const dy = Math.max(box.y - p.y, 0, p.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

function buildRoute(from: DiagramNode, to: DiagramNode, a: Point, b: Point, control: Point, outside: Point | null): Route {
  const start = exitPoint(from.box, a, control);
  const tip = exitPoint(to.box, b, control);
  const end = tipWithGap(control, tip, 2);
  const head = arrowhead(control, end);
  const at = (t: number) => quadraticAt(start, control, end, t);
  const samples = Array.from({ length: 25 }, (_, i) => at(i / 24));
  const straight = Math.abs((control.x - start.x) * (end.y - start.y) - (control.y - start.y) * (end.x - start.x)) < 1;
  const shaftEnd = head.base;
  const d = straight
    ? `M${round(start.x)} ${round(start.y)}L${round(shaftEnd.x)} ${round(shaftEnd.y)}`
    : `M${round(start.x)} ${round(start.y)}Q${round(control.x)} ${round(control.y)} ${round(shaftEnd.x)} ${round(shaftEnd.y)}`;
  return { outside, d, head: head.points, samples, at };
}

function tipWithGap(from: Point, tip: Point, gap: number): Point {
  const u = direction(from, tip);
  return { x: tip.x - u.x * gap, y: tip.y - u.y * gap };
}

/**
 * Lays out every arrow the table marks as drawn: one edge per pair of
 * states, labelled with one line per event ("rcv FIN / snd ACK").
 */
export function layoutStateDiagram(arrows: readonly Outcome[], labelOf: (arrow: Outcome) => string): StateDiagramLayout {
  const groups = new Map<string, Outcome[]>();
  for (const arrow of arrows) {
    const id = edgeId(arrow.from, arrow.to);
    groups.set(id, [...(groups.get(id) ?? []), arrow]);
  }
  const widthOf = (from: TcpState, to: TcpState) =>
    Math.max(0, ...(groups.get(edgeId(from, to)) ?? []).map((arrow) => textWidth(labelOf(arrow), LABEL_FONT_SIZE)));
  const routed = [...groups.entries()].map(([id, group]) => {
    const { from, to } = group[0]!;
    const shift = groups.has(edgeId(to, from)) ? pairShift(from, to, widthOf) : 0;
    return { id, from, to, arrows: group, route: routeEdge(sourceNode(from), targetNode(from, to), shift) };
  });
  const lines = routed.flatMap((edge) => edge.route.samples.map((point) => ({ id: edge.id, point })));
  const placed: Box[] = [];
  const edges = routed.map((edge): DiagramEdge => {
    const label = placeLabel(edge.route, edge.arrows.map(labelOf), edge.id, lines, placed);
    placed.push(label.box);
    return { id: edge.id, from: edge.from, to: edge.to, arrows: edge.arrows, d: edge.route.d, head: edge.route.head, samples: edge.route.samples, label };
  });
  return { width: DIAGRAM_WIDTH, height: DIAGRAM_HEIGHT, nodes: [...NODES], edges };
}

/**
 * Which way a two-way pair is shifted: the edge with the longer label takes
 * the side with more room (as Figure 5 takes CLOSED → SYN_SENT round the
 * outside). Returns the shift for `from` → `to`; a tie keeps the right-hand side.
 */
function pairShift(from: TcpState, to: TcpState, labelWidth: (from: TcpState, to: TcpState) => number): number {
  const [longFrom, longTo] = labelWidth(from, to) >= labelWidth(to, from) ? [from, to] : [to, from];
  const room = (sign: number) => {
    const source = sourceNode(longFrom);
    const target = targetNode(longFrom, longTo);
    return clearance(routeEdge(source, target, sign * ROOM_PROBE), source, target);
  };
  // Each edge shifts along its own right-hand normal, so one sign puts the two on opposite sides.
  return (room(-1) > room(1) + 1 ? -1 : 1) * PAIR_SHIFT;
}

/** How far out a label of a two-way edge reaches, when judging where there is room. */
const ROOM_PROBE = 60;

/** The id of the edge that draws `from` → `to`. */
export function edgeId(from: TcpState, to: TcpState): string {
  return `${from}->${to}`;
}

const LABEL_STEPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74];
const LABEL_GAP = 7;

/**
 * The label goes beside its line where it touches no state, no other label
 * and as little of any line as it can, nearest the middle first.
 */
export function placeLabel(
  route: Route,
  lines: string[],
  ownId: string,
  allLines: { id: string; point: Point }[],
  placed: Box[],
): LabelPlacement {
  const width = Math.max(...lines.map((line) => textWidth(line, LABEL_FONT_SIZE))) + 8;
  const height = lines.length * LABEL_LINE_HEIGHT + 4;
  let best: { placement: LabelPlacement; score: number } | null = null;
  for (const t of LABEL_STEPS) {
    const p = route.at(t);
    const candidates: [LabelPlacement["anchor"], Box, number][] = [
      ["start", { x: p.x + LABEL_GAP, y: p.y - height / 2, width, height }, 0],
      ["end", { x: p.x - LABEL_GAP - width, y: p.y - height / 2, width, height }, 0],
      ["middle", { x: p.x - width / 2, y: p.y - LABEL_GAP - height, width, height }, 0.5],
      ["middle", { x: p.x - width / 2, y: p.y + LABEL_GAP, width, height }, 0.5],
      ["middle", { x: p.x - width / 2, y: p.y - height / 2, width, height }, 4],
    ];
    for (const [anchor, box, preference] of candidates) {
      const onOwnLine = anchor === "middle" && preference === 4;
      const score = labelCost(box, ownId, onOwnLine, allLines, placed) + preference + Math.abs(t - 0.5) * 4 + sideCost(route, p, box, onOwnLine);
      if (!best || score < best.score) best = { placement: placement(anchor, box, lines), score };
    }
  }
  return best!.placement;
}

/** A two-way edge's label belongs on its own outer side, away from its partner. */
function sideCost(route: Route, p: Point, box: Box, onOwnLine: boolean): number {
  if (!route.outside) return 0;
  if (onOwnLine) return 20;
  const towards = (box.x + box.width / 2 - p.x) * route.outside.x + (box.y + box.height / 2 - p.y) * route.outside.y;
  return towards > 0 ? 0 : 20;
}

function labelCost(box: Box, ownId: string, onOwnLine: boolean, allLines: { id: string; point: Point }[], placed: Box[]): number {
  let cost = 0;
  if (box.x < 0 || box.y < 0 || box.x + box.width > DIAGRAM_WIDTH || box.y + box.height > DIAGRAM_HEIGHT) cost += 1000;
  for (const n of NODES) if (boxesOverlap(box, n.box, 3)) cost += 1000;
  for (const other of placed) if (boxesOverlap(box, other, 2)) cost += 1000;
  for (const { id, point } of allLines) {
    if (onOwnLine && id === ownId) continue;
    if (boxContains(box, point, 2)) cost += id === ownId ? 3 : 6;
  }
  return cost;
}

function placement(anchor: LabelPlacement["anchor"], box: Box, lines: string[]): LabelPlacement {
  const x = anchor === "start" ? box.x + 4 : anchor === "end" ? box.x + box.width - 4 : box.x + box.width / 2;
  const baselines = lines.map((_, i) => round(box.y + 2 + LABEL_FONT_SIZE * 0.95 + i * LABEL_LINE_HEIGHT));
  return { anchor, x: round(x), baselines, lines, box };
}

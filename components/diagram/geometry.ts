/*
 * Small plane geometry shared by the two diagrams: boxes, rough text widths,
 * arrowheads. Coordinates are SVG user units, y pointing down.
 */

export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box by its top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxAround(center: Point, width: number, height: number): Box {
  return { x: center.x - width / 2, y: center.y - height / 2, width, height };
}

export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

export function boxContains(box: Box, point: Point, margin = 0): boolean {
  return (
    point.x > box.x - margin && point.x < box.x + box.width + margin && point.y > box.y - margin && point.y < box.y + box.height + margin
  );
}

export function inflate(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * A text's width in a monospace font, for layout before the browser measures
 * it: Latin characters are 0.6 em, Chinese ones a full em. Slightly generous.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += WIDE.test(char) ? 1 : 0.6;
  return ems * fontSize;
}

/** Where a ray from `inside` in direction `toward` leaves `box`. */
export function exitPoint(box: Box, inside: Point, toward: Point): Point {
  const dx = toward.x - inside.x;
  const dy = toward.y - inside.y;
  const limits: number[] = [];
  if (dx > 0) limits.push((box.x + box.width - inside.x) / dx);
  if (dx < 0) limits.push((box.x - inside.x) / dx);
  if (dy > 0) limits.push((box.y + box.height - inside.y) / dy);
  if (dy < 0) limits.push((box.y - inside.y) / dy);
  const t = limits.length > 0 ? Math.max(0, Math.min(...limits)) : 0;
  return { x: inside.x + dx * t, y: inside.y + dy * t };
}

/** The point at `t` on a quadratic Bézier curve (a straight line when the control point is the midpoint). */
export function quadraticAt(start: Point, control: Point, end: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * start.x + 2 * u * t * control.x + t * t * end.x,
    y: u * u * start.y + 2 * u * t * control.y + t * t * end.y,
  };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** The unit vector from `a` to `b`. */
export function direction(a: Point, b: Point): Point {
  const length = distance(a, b) || 1;
  return { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
}

/**
 * An arrowhead whose tip is `tip`, pointing along `from` → `tip`, as SVG
 * polygon points, and the point where the shaft should stop.
 */
export function arrowhead(from: Point, tip: Point, length = 10, halfWidth = 4.5): { points: string; base: Point } {
  const u = direction(from, tip);
  const base = { x: tip.x - u.x * length, y: tip.y - u.y * length };
  const left = { x: base.x - u.y * halfWidth, y: base.y + u.x * halfWidth };
  const right = { x: base.x + u.y * halfWidth, y: base.y - u.x * halfWidth };
  return { points: [tip, left, right].map((p) => `${round(p.x)},${round(p.y)}`).join(" "), base };
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

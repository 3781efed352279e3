/*
 * Bounds on a note's block structure, checked before it is parsed. micromark
 * splices the whole event list each time a list item or quote ends, and
 * matches every open container on every line, so its time grows with the
 * square of their number: 20 kB of `- ` nested on one line took over four
 * minutes. Real notes stay far below these bounds (under 100 list items and
 * quotes, none indented past 4 columns).
 */

/** List items and quote markers in one note. */
export const MAX_CONTAINERS = 1000;

/** Columns before a list item's or quote's marker. */
export const MAX_CONTAINER_INDENT = 40;

/** ::: fences in one note: a note has two sections, so four fences, and an unclosed fence nests what follows. */
export const MAX_FENCES = 50;

/**
 * Lines of only `=` or `-` (setext heading underlines, or the front matter's
 * fences): micromark looks back over the whole note for each (2,000 took 7 s).
 * Notes use `#` headings.
 */
export const MAX_UNDERLINES = 100;

export interface LimitProblem {
  line: number;
  message: string;
}

export function markdownLimits(text: string): LimitProblem | null {
  let containers = 0;
  let fences = 0;
  let underlines = 0;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    line++;
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const prefix = containerPrefix(text, start, end);
    if (prefix.indent > MAX_CONTAINER_INDENT) {
      return { line, message: `a list item or quote at column ${prefix.indent + 1}; at most ${MAX_CONTAINER_INDENT} columns of indentation and nesting are read` };
    }
    containers += prefix.markers;
    if (containers > MAX_CONTAINERS) {
      return { line, message: `more than ${MAX_CONTAINERS} list items and quotes in one note; split the note` };
    }
    if (prefix.fence && ++fences > MAX_FENCES) {
      return { line, message: `more than ${MAX_FENCES} ::: fences in one note; a note has a :::zh and a :::en section` };
    }
    if (UNDERLINE.test(text.slice(start, end)) && ++underlines > MAX_UNDERLINES) {
      return { line, message: `more than ${MAX_UNDERLINES} lines of only = or - in one note; write headings with #` };
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return null;
}

const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * The container markers (`>`, `-`, `+`, `*`, `1.`, `1)`) that open the line
 * from `start` to `end`, the column of the last one, and whether a ::: fence
 * follows them.
 * A scan rather than a regular expression, so that it stays linear on any line.
 */
function containerPrefix(text: string, start: number, end: number): { markers: number; indent: number; fence: boolean } {
  let markers = 0;
  let indent = 0;
  let column = 0;
  let at = start;
  while (at < end) {
    const char = text[at]!;
    if (char === " " || char === "\t") {
      column += char === "\t" ? 4 - (column % 4) : 1;
      at++;
      continue;
    }
    if (char === ":" && text.startsWith(":::", at)) return { markers, indent, fence: true };
    const width = markerWidth(text, at, end);
    if (width === 0) break;
    markers++;
    indent = column;
    column += width;
    at += width;
  }
  return { markers, indent, fence: false };
}

/** The length of a container marker at `at` followed by a space, a tab or the line's end; 0 if none. */
function markerWidth(text: string, at: number, end: number): number {
  const char = text[at]!;
  let width = 0;
  if (char === ">") return 1;
  if (char === "-" || char === "+" || char === "*") width = 1;
  else {
    while (width < 9 && at + width < end && text[at + width]! >= "0" && text[at + width]! <= "9") width++;
    if (width === 0 || (text[at + width] !== "." && text[at + width] !== ")")) return 0;
    width++;
  }
  const next = at + width;
  return next >= end || text[next] === " " || text[next] === "\t" ? width : 0;
}

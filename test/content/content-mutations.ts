import fc from "fast-check";
import { ALIAS_BOMB } from "./bad-input-fixture";

/*
 * Mutations of real content files for the fuzz test: random ones (bytes,
 * truncation, deleted or re-indented lines) and targeted ones (the YAML and
 * Markdown that once crashed or hung the check). Each is plain data, so
 * that fast-check can print and shrink a failing case.
 */

/**
 * YAML (and a little Markdown) inserted as lines, at the indentation of the
 * line they go before; by name, so that a failing case prints short.
 */
const SNIPPETS: Record<string, string> = {
  "merge-unresolved": "<<: *nope",
  "merge-anchor": "<<: *x",
  "merge-list": "<<: [*x, *nope]",
  "merge-scalar": "<<: 1",
  "merge-scalars": "<<: [1, 2]",
  "value-unresolved": "key: *nope",
  "item-unresolved": "- *nope",
  "item-alias": "- *x",
  "alias-key": "*x : 1",
  "complex-key": "? *x\n: 1",
  "cycle-seq": "x: &x [1, *x]",
  "cycle-map": "self: &s {a: *s}",
  "anchor-alone": "&x",
  "alias-alone": "*x",
  "two-anchors": "&a &b twice",
  "alias-bomb": ALIAS_BOMB,
  "binary-tag": "!!binary AAAA",
  "unknown-tag": "!unknown-tag x",
  "bad-int": "!!int not-a-number",
  "open-brace": "{",
  "open-bracket": "[",
  "open-double-quote": '"unterminated',
  "open-single-quote": "'",
  "literal-block": "|",
  "folded-block": ">-",
  "document-start": "---",
  "document-end": "...",
  directive: "%YAML 1.1",
  "tab-indent": "\t- tab",
  "duplicate-id": "id: again",
  "duplicate-zh": "zh: again",
  "deep-flow-seq": "[".repeat(10_000),
  "deep-flow-map": "{a: ".repeat(2_000),
  "deep-block-seq": "- ".repeat(5_000),
  "deep-quote": "> ".repeat(3_000),
  "section-zh": ":::zh",
  "section-end": ":::",
  "claim-fence": "```claim",
  "code-fence": "```",
  "setext-heading": "a\n===",
  "at-sign": "@",
  backtick: "`",
  "line-separator": "\u2028",
  bom: "\uFEFF",
};
const snippet = fc.constantFrom(...Object.keys(SNIPPETS));

const WHOLE_FILES: Record<string, string> = {
  "alias-bomb": ALIAS_BOMB,
  "deep-flow": "[".repeat(10_000) + "]".repeat(10_000),
  "deep-block": "- ".repeat(20_000),
  empty: "",
  newline: "\n",
  "empty-front-matter": "---\n---\n",
  "many-sections": ":::zh\n".repeat(100),
};

export type Mutation =
  | { kind: "insert"; at: number; snippet: string }
  | { kind: "insertInBlock"; at: number; snippet: string }
  | { kind: "anchorAndAlias"; anchorAt: number; aliasAt: number; merge: boolean }
  | { kind: "duplicateLine"; at: number }
  | { kind: "deleteLines"; at: number; count: number }
  | { kind: "reindent"; at: number; delta: number; tab: boolean }
  | { kind: "truncate"; at: number }
  | { kind: "overwriteBytes"; at: number; bytes: number[] }
  | { kind: "insertText"; at: number; text: string }
  | { kind: "hugeLine"; at: number; size: number; char: string }
  | { kind: "wholeFile"; name: string }
  | { kind: "lineEndings"; crlf: boolean; bom: boolean };

const at = fc.nat({ max: 1_000_000 });

export const yamlMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at, snippet: snippet }),
  fc.record({ kind: fc.constant("anchorAndAlias" as const), anchorAt: at, aliasAt: at, merge: fc.boolean() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at }),
  fc.record({ kind: fc.constant("reindent" as const), at, delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant("deleteLines" as const), at, count: fc.integer({ min: 1, max: 20 }) }),
);

export const markdownMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insertInBlock" as const), at, snippet: snippet }),
  fc.record({ kind: fc.constant("insert" as const), at, snippet: snippet }),
  fc.record({ kind: fc.constant("anchorAndAlias" as const), anchorAt: at, aliasAt: at, merge: fc.boolean() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at }),
  fc.record({ kind: fc.constant("deleteLines" as const), at, count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant("reindent" as const), at, delta: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
);

export const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at }),
  fc.record({ kind: fc.constant("overwriteBytes" as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("insertText" as const), at, text: fc.string({ unit: "binary", maxLength: 40 }) }),
  fc.record({
    kind: fc.constant("hugeLine" as const),
    at,
    size: fc.constantFrom(100_000, 2_000_000),
    char: fc.constantFrom("a", "*", "_", "-", "[", "é", " "),
  }),
  fc.record({ kind: fc.constant("wholeFile" as const), name: fc.constantFrom(...Object.keys(WHOLE_FILES)) }),
  fc.record({ kind: fc.constant("lineEndings" as const), crlf: fc.boolean(), bom: fc.boolean() }),
);

/** Applies one mutation to a file's bytes. */
export function mutate(bytes: Buffer, mutation: Mutation): Buffer {
  switch (mutation.kind) {
    case "truncate":
      return bytes.subarray(0, bytes.length === 0 ? 0 : mutation.at % bytes.length);
    case "overwriteBytes": {
      const copy = Buffer.from(bytes);
      mutation.bytes.forEach((byte, index) => {
        if (copy.length > 0) copy[(mutation.at + index) % copy.length] = byte;
      });
      return copy;
    }
    case "insertText": {
      const offset = bytes.length === 0 ? 0 : mutation.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, offset), Buffer.from(mutation.text), bytes.subarray(offset)]);
    }
    case "wholeFile":
      return Buffer.from(WHOLE_FILES[mutation.name]!);
    case "lineEndings": {
      const text = bytes.toString("latin1");
      const ended = mutation.crlf ? text.replace(/\n/g, "\r\n") : text;
      return Buffer.concat([mutation.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(ended, "latin1")]);
    }
    default:
      return Buffer.from(mutateLines(bytes.toString("utf8").split("\n"), mutation).join("\n"));
  }
}

function mutateLines(lines: string[], mutation: Mutation): string[] {
  const pick = (n: number) => n % Math.max(1, lines.length);
  const indentOf = (line: string | undefined) => /^[ \t]*(- )?/.exec(line ?? "")![0].replace("- ", "  ");
  switch (mutation.kind) {
    case "insert": {
      const index = pick(mutation.at);
      return [...lines.slice(0, index), ...indented(SNIPPETS[mutation.snippet]!, indentOf(lines[index])), ...lines.slice(index)];
    }
    case "insertInBlock": {
      // Inside a claim block, else inside the front matter.
      const starts = lines.flatMap((line, index) => (/^\s*```claim/.test(line) ? [index + 1] : []));
      const index = starts.length > 0 ? starts[mutation.at % starts.length]! : Math.min(1, lines.length);
      return [...lines.slice(0, index), ...indented(SNIPPETS[mutation.snippet]!, indentOf(lines[index])), ...lines.slice(index)];
    }
    case "anchorAndAlias": {
      const keyed = lines.flatMap((line, index) => (/^\s*(- )?[\w-]+:\s*\S/.test(line) ? [index] : []));
      if (keyed.length === 0) return lines;
      const anchor = keyed[mutation.anchorAt % keyed.length]!;
      const alias = keyed[mutation.aliasAt % keyed.length]!;
      const copy = [...lines];
      copy[anchor] = copy[anchor]!.replace(/:\s*/, ": &x ");
      copy[alias] = mutation.merge ? `${indentOf(copy[alias])}<<: *x` : copy[alias]!.replace(/:\s*.*$/, ": *x");
      return copy;
    }
    case "duplicateLine": {
      const index = pick(mutation.at);
      return [...lines.slice(0, index + 1), ...lines.slice(index)];
    }
    case "deleteLines": {
      const index = pick(mutation.at);
      return [...lines.slice(0, index), ...lines.slice(index + mutation.count)];
    }
    case "reindent": {
      const index = pick(mutation.at);
      const copy = [...lines];
      const line = copy[index] ?? "";
      const body = line.trimStart();
      const width = Math.max(0, line.length - body.length + mutation.delta);
      copy[index] = (mutation.tab ? "\t".repeat(Math.ceil(width / 4)) : " ".repeat(width)) + body;
      return copy;
    }
    case "hugeLine": {
      const index = pick(mutation.at);
      return [...lines.slice(0, index), mutation.char.repeat(mutation.size), ...lines.slice(index)];
    }
    default:
      return lines;
  }
}

function indented(snippet: string, indent: string): string[] {
  return snippet.split("\n").map((line) => indent + line);
}

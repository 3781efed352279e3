import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from "yaml";
import { checkYamlNodes, MAX_ALIAS_EXPANSION } from "./yaml-node-checks";

export type YamlPath = readonly (string | number)[];

export interface YamlProblem {
  line: number;
  message: string;
}

/** One source line of text written in one language (under a `zh` or `en` key). */
export interface ProseLine {
  lang: "zh" | "en";
  line: number;
  text: string;
}

/**
 * A YAML text parsed with positions, so that a problem found in its value can
 * be reported at the line of the key or item it concerns. `firstLine` is the
 * file line of the text's first line (front matter and claim blocks start
 * part-way down a Markdown file).
 */
export class YamlSource {
  readonly value: unknown;
  readonly problems: YamlProblem[];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    private readonly text: string,
    readonly firstLine = 1,
  ) {
    const parsed = parse(text, this.lines);
    this.doc = parsed ?? new Document(null);
    this.problems = parsed ? this.parseProblems([...parsed.errors, ...parsed.warnings]) : [{ line: firstLine, message: "YAML: nested too deeply to read" }];
    this.value = this.problems.length === 0 ? this.build() : undefined;
  }

  /** The file line of the deepest node along `path` that exists. */
  lineOf(path: YamlPath): number {
    for (let length = path.length; length >= 0; length--) {
      const prefix = path.slice(0, length);
      const node = prefix.length === 0 ? this.doc.contents : this.doc.getIn(prefix, true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) {
        // A missing key is best reported at its parent's first line.
        return this.toFileLine(this.lines.linePos(range[0]).line);
      }
    }
    return this.firstLine;
  }

  /**
   * The source lines of every string under a `zh` or `en` key at or below
   * `path`, each with its language and file line. Lines are taken as written,
   * so that a problem found in one points at the line to edit.
   */
  proseLines(path: YamlPath = []): ProseLine[] {
    const start = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    const lines: ProseLine[] = [];
    const walk = (node: unknown, lang: ProseLine["lang"] | null) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? pair.key.value : pair.key;
          walk(pair.value, key === "zh" || key === "en" ? key : lang);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item) => walk(item, lang));
      } else if (isScalar(node) && lang && typeof node.value === "string" && node.range) {
        const first = this.lines.linePos(node.range[0]).line;
        this.text
          .slice(node.range[0], node.range[1])
          .split("\n")
          .forEach((text, index) => lines.push({ lang, line: this.toFileLine(first + index), text }));
      }
    };
    walk(start, null);
    return lines;
  }

  private toFileLine(line: number): number {
    return this.firstLine + line - 1;
  }

  /** The file line of an offset in the text; an offset past the last character counts as the last line. */
  private lineAtOffset(offset: number): number {
    const last = Math.max(0, this.text.trimEnd().length - 1);
    return this.toFileLine(this.lines.linePos(Math.min(offset, last)).line);
  }

  private parseProblems(errors: readonly YAMLError[]): YamlProblem[] {
    return this.listed(
      errors.map((error) => ({
        offset: error.pos[0],
        message: error.code === "RESOURCE_EXHAUSTION" ? "nested too deeply to read" : firstLine_(error.message),
      })),
    );
  }

  /**
   * Problems at their file lines, each once. A binary or badly broken file
   * gives an error at nearly every line; the first ones are enough to act on.
   */
  private listed(found: readonly { offset: number; message: string }[]): YamlProblem[] {
    const problems: YamlProblem[] = [];
    const seen = new Set<string>();
    for (const { offset, message } of found) {
      const problem = { line: this.lineAtOffset(offset), message: `YAML: ${message}` };
      const key = `${problem.line}:${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (problems.length === MAX_LISTED) {
        problems.push({ line: problem.line, message: `YAML: more problems from here on (only the first ${MAX_LISTED} are listed)` });
        break;
      }
      problems.push(problem);
    }
    return problems;
  }

  /** The value, or undefined with problems when its keys, anchors, aliases or merge keys are wrong. */
  private build(): unknown {
    const nodes = checkYamlNodes(this.doc);
    if (nodes.problems.length > 0) {
      this.problems.push(...this.listed(nodes.problems));
      return undefined;
    }
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/Excessive alias count/.test(message)) {
        this.problems.push({
          line: this.lineAtOffset(nodes.nestedAlias ?? 0),
          message: `YAML: aliases of aliases here expand to too much data (more than ${MAX_ALIAS_EXPANSION} copies); write the values out`,
        });
      } else {
        this.problems.push({ line: this.firstLine, message: `YAML: ${firstLine_(message)}` });
      }
      return undefined;
    }
  }
}

const MAX_LISTED = 20;

/**
 * Merge keys as YAML 1.1 authors expect. Duplicate keys are found by
 * checkYamlNodes, in linear time. prettyErrors is off because its error
 * context costs a regular expression that aborts Node (out of memory) on
 * deeply nested input; lines are found from offsets instead. logLevel keeps
 * the yaml package from printing warnings of its own. The parser recurses
 * once per nested block sequence (`- - - …`), so thousands of them overflow
 * the stack: null then.
 */
function parse(text: string, lineCounter: LineCounter): Document | null {
  try {
    return parseDocument(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false, logLevel: "error" });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function firstLine_(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

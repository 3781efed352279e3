import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";

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
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    this.problems = [...this.doc.errors, ...this.doc.warnings].map((error) => ({
      line: this.toFileLine(error.linePos?.[0]?.line ?? 1),
      message: `YAML: ${firstLine_(error.message)}`,
    }));
    this.value = this.doc.errors.length === 0 ? this.doc.toJS() : undefined;
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
}

function firstLine_(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

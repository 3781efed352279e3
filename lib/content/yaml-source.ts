import { LineCounter, parseDocument, type Document } from "yaml";

export type YamlPath = readonly (string | number)[];

export interface YamlProblem {
  line: number;
  message: string;
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
    text: string,
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

  private toFileLine(line: number): number {
    return this.firstLine + line - 1;
  }
}

function firstLine_(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

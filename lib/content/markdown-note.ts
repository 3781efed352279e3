import type { Root, RootContent } from "mdast";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { markdownLimits } from "./markdown-limits";

export const NOTE_LANGUAGES = ["zh", "en"] as const;
export type NoteLanguage = (typeof NOTE_LANGUAGES)[number];

export interface ClaimBlock {
  /** File line of the opening ```claim fence. */
  line: number;
  /** File line of the closing fence. */
  endLine: number;
  /** The YAML inside the fence. */
  text: string;
  lang: NoteLanguage;
}

export interface NoteSection {
  lang: NoteLanguage;
  /** File lines of the opening and the closing ::: fence. */
  line: number;
  endLine: number;
  /** The section's Markdown, without the ::: fences. */
  markdown: string;
}

export interface MarkdownNote {
  frontMatter: { text: string; firstLine: number } | null;
  sections: NoteSection[];
  claims: ClaimBlock[];
  problems: { line: number; message: string }[];
}

/*
 * The check needs a note's blocks only (front matter, sections, fenced claim
 * blocks), never its inline Markdown, which the app renders on its own. So
 * inline constructs are left out of this parse: micromark resolves runs of
 * emphasis markers in time far above linear (16 kB of `*` took most of a
 * minute), and blocks do not depend on them.
 */
const INLINE_CONSTRUCTS = [
  "attention",
  "autolink",
  "characterEscape",
  "characterReference",
  "codeText",
  "hardBreakEscape",
  "htmlText",
  "labelEnd",
  "labelStartImage",
  "labelStartLink",
];

function blocksOnly(this: Processor) {
  const data = this.data();
  // Extensions' inline constructs (remark-directive's :text directives) are dropped, the core's disabled by name.
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map(({ text: _inline, ...blocks }) => blocks);
  data.micromarkExtensions.push({ disable: { null: INLINE_CONSTRUCTS } });
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkDirective).use(blocksOnly);

/**
 * Splits a note into its YAML front matter, its :::zh and :::en sections and
 * the ```claim blocks inside them, with file lines for every part.
 */
export function parseMarkdownNote(text: string): MarkdownNote {
  const note: MarkdownNote = { frontMatter: null, sections: [], claims: [], problems: [] };
  const beyond = markdownLimits(text);
  if (beyond) {
    note.problems.push(beyond);
    return note;
  }
  const tree = parser.parse(text) as Root;
  for (const node of tree.children) {
    const line = node.position?.start.line ?? 1;
    if (node.type === "yaml") {
      note.frontMatter = { text: node.value, firstLine: line + 1 };
      continue;
    }
    if (node.type === "containerDirective" && (NOTE_LANGUAGES as readonly string[]).includes(node.name)) {
      const lang = node.name as NoteLanguage;
      if (note.sections.some((section) => section.lang === lang)) {
        note.problems.push({ line, message: `a second :::${lang} section; each language has one` });
        continue;
      }
      note.sections.push({ lang, line, endLine: node.position?.end.line ?? line, markdown: innerMarkdown(text, node.children) });
      collectClaims(node.children, lang, note.claims);
      continue;
    }
    if (node.type === "containerDirective") {
      note.problems.push({ line, message: `unknown section :::${node.name}; a note has :::zh and :::en sections` });
      continue;
    }
    note.problems.push({ line, message: "text outside the :::zh and :::en sections: put it inside one (is a closing ::: missing?)" });
  }
  if (!note.frontMatter) note.problems.push({ line: 1, message: "missing front matter: a note starts with --- id, title --- (see content/README.md)" });
  for (const lang of NOTE_LANGUAGES) {
    if (!note.sections.some((section) => section.lang === lang)) {
      note.problems.push({ line: lastLine(text), message: `missing the :::${lang} section: every note is written in both Chinese and English` });
    }
  }
  return note;
}

function innerMarkdown(text: string, children: RootContent[]): string {
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  return first === undefined || last === undefined ? "" : text.slice(first, last);
}

/** Claim blocks in document order; a loop, not recursion, as quotes and lists may nest thousands deep. */
function collectClaims(nodes: RootContent[], lang: NoteLanguage, into: ClaimBlock[]): void {
  const stack = [...nodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === "code" && node.lang === "claim") {
      const line = node.position?.start.line ?? 1;
      into.push({ line, endLine: node.position?.end.line ?? line, text: node.value, lang });
    } else if ("children" in node && Array.isArray(node.children)) {
      const children = node.children as RootContent[];
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    }
  }
}

function lastLine(text: string): number {
  return text.replace(/\n$/, "").split("\n").length;
}

import type { Code, Root, RootContent } from "mdast";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";

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

const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkDirective);

/**
 * Splits a note into its YAML front matter, its :::zh and :::en sections and
 * the ```claim blocks inside them, with file lines for every part.
 */
export function parseMarkdownNote(text: string): MarkdownNote {
  const tree = parser.parse(text) as Root;
  const note: MarkdownNote = { frontMatter: null, sections: [], claims: [], problems: [] };
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

function collectClaims(nodes: RootContent[], lang: NoteLanguage, into: ClaimBlock[]): void {
  for (const node of nodes) {
    if (node.type === "code" && (node as Code).lang === "claim") {
      const line = node.position?.start.line ?? 1;
      into.push({ line, endLine: node.position?.end.line ?? line, text: (node as Code).value, lang });
    } else if ("children" in node && Array.isArray(node.children)) {
      collectClaims(node.children as RootContent[], lang, into);
    }
  }
}

function lastLine(text: string): number {
  return text.replace(/\n$/, "").split("\n").length;
}

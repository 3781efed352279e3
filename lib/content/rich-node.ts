/*
 * Card text as the review page receives it: Markdown already parsed on the
 * server (card-markdown.ts) into plain data, which components/rich-text.tsx
 * draws with React elements. The page ships no Markdown parser, and nothing
 * in the tree can carry markup: text is text, and an element is one of the
 * tags below with its children, a link's href or an image's src and alt.
 */

export const RICH_TAGS = [
  "p", "strong", "em", "del", "code", "pre", "a", "img", "ul", "ol", "li", "blockquote",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
] as const;
export type RichTag = (typeof RICH_TAGS)[number];

export type RichNode = string | RichElement;

export interface RichElement {
  tag: RichTag;
  children?: RichNode[];
  /** a: a web or relative URL (others are dropped on the server); img: src. */
  href?: string;
  src?: string;
  alt?: string;
}

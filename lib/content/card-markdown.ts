import type { Nodes, Parents } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { markdownLimits } from "./markdown-limits";
import type { RichElement, RichNode, RichTag } from "./rich-node";

/*
 * A card's Markdown (GitHub-flavoured, as react-markdown read it before) as
 * a RichNode tree. HTML in the source is dropped, links keep only web and
 * relative URLs. Card text is parsed once per process and kept: the review
 * queue sends the same few cards with every grade.
 */

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Longer text is shown as it is written, unparsed: micromark's time grows
 * faster than the text for some inputs, and the server parses here. Real
 * cards are under 1,000 characters.
 */
export const MAX_CARD_MARKDOWN = 4_000;
const CACHE_SIZE = 20_000;
const cache = new Map<string, RichNode[]>();

/** Web links and relative ones only; `javascript:`, `data:` and other schemes become nothing. */
function safeUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  if (!scheme) return url;
  return ["http", "https"].includes(scheme[1]!.toLowerCase()) ? url : "";
}

function element(tag: RichTag, node: Parents, extra: Omit<RichElement, "tag" | "children"> = {}, tight = false): RichElement {
  return { tag, ...extra, children: node.children.flatMap((child) => toRich(child, tight)) };
}

/** `tight`: inside an item of a list without blank lines, where paragraphs are not wrapped in <p> (as react-markdown did). */
function toRich(node: Nodes, tight = false): RichNode[] {
  switch (node.type) {
    case "text":
      return [node.value];
    case "inlineCode":
      return [{ tag: "code", children: [node.value] }];
    case "code":
      return [{ tag: "pre", children: [{ tag: "code", children: [node.value] }] }];
    case "paragraph":
      return tight ? node.children.flatMap((child) => toRich(child)) : [element("p", node)];
    case "strong":
      return [element("strong", node)];
    case "emphasis":
      return [element("em", node)];
    case "delete":
      return [element("del", node)];
    case "link":
      return [element("a", node, { href: safeUrl(node.url) })];
    case "image":
      return [{ tag: "img", src: safeUrl(node.url), alt: node.alt ?? "" }];
    case "list":
      return [{ tag: node.ordered ? "ol" : "ul", children: node.children.flatMap((item) => toRich(item, !node.spread && !item.spread)) }];
    case "listItem":
      return [element("li", node, {}, tight)];
    case "blockquote":
      return [element("blockquote", node)];
    case "heading":
      return [element(`h${node.depth}`, node)];
    case "thematicBreak":
      return [{ tag: "hr" }];
    case "break":
      return [{ tag: "br" }];
    case "table": {
      const [head, ...body] = node.children;
      const row = (cell: "th" | "td") => (tableRow: (typeof node.children)[number]): RichElement => ({
        tag: "tr",
        children: tableRow.children.map((tableCell) => element(cell, tableCell)),
      });
      return [{ tag: "table", children: [{ tag: "thead", children: head ? [row("th")(head)] : [] }, { tag: "tbody", children: body.map(row("td")) }] }];
    }
    case "html":
      return [];
    default:
      return "children" in node ? node.children.flatMap((child) => toRich(child as Nodes, tight)) : "value" in node ? [node.value] : [];
  }
}

/** The tree of one card text, parsed once and kept (up to CACHE_SIZE texts, the oldest dropped first). */
export function cardMarkdown(text: string): RichNode[] {
  const kept = cache.get(text);
  if (kept) return kept;
  const tree = text.length > MAX_CARD_MARKDOWN || markdownLimits(text) ? [{ tag: "p" as const, children: [text] }] : toRich(parser.parse(text));
  cache.set(text, tree);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return tree;
}

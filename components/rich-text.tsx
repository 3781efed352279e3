import { createElement, type ReactNode } from "react";
import { RICH_TAGS, type RichNode } from "@/lib/content/rich-node";

const ALLOWED: ReadonlySet<string> = new Set(RICH_TAGS);

/**
 * Card text parsed on the server (lib/content/card-markdown.ts), drawn as
 * React elements: text is escaped as always, and only the tags of RichTag
 * are made (anything else is shown as its text), so nothing from the
 * database can put markup or script in the page.
 */
export function RichText({ nodes, className }: { nodes: readonly RichNode[]; className?: string }) {
  return <div className={className}>{draw(nodes)}</div>;
}

function draw(nodes: readonly RichNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (typeof node === "string") return node;
    const children = node.children ? draw(node.children) : undefined;
    if (!ALLOWED.has(node.tag)) return <span key={index}>{children}</span>;
    if (node.tag === "a") {
      const external = /^https?:/i.test(node.href ?? "");
      return (
        <a key={index} href={node.href || undefined} {...(external ? { rel: "noopener noreferrer" } : {})}>
          {children}
        </a>
      );
    }
    if (node.tag === "img") return <img key={index} src={node.src || undefined} alt={node.alt ?? ""} />;
    return createElement(node.tag, { key: index }, children);
  });
}

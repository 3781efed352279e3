import Link from "next/link";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { describeClaimBlock } from "@/lib/learn/claim-summary";
import { scenarioHref } from "@/lib/learn/scenario-href";
import styles from "./note-markdown.module.css";

type Element = NonNullable<ExtraProps["node"]>;
type ElementContent = Element["children"][number];

/** Web links and relative ones only; `javascript:`, `data:` and other schemes become nothing. */
export function safeUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  if (!scheme) return url;
  return ["http", "https"].includes(scheme[1]!.toLowerCase()) ? url : "";
}

/**
 * A note's Markdown in one language. HTML in the source is dropped (no
 * rehype-raw); ```claim blocks become a "checked by the machine" badge.
 */
export function NoteMarkdown({ markdown, lang }: { markdown: string; lang: Language }) {
  const components: Components = {
    pre: ({ node, children }) => {
      const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
      const classes = code?.properties.className;
      const isClaim = Array.isArray(classes) && classes.includes("language-claim");
      if (code && isClaim) return <ClaimBlock source={textOf(code)} lang={lang} />;
      // Focusable like the tables: a line wider than a phone scrolls sideways, from the keyboard too.
      return <pre tabIndex={0}>{children}</pre>;
    },
    // An empty corner cell heads no row or column: a data cell, so that no header without a name is announced.
    th: ({ node, children, ...props }) => (node && textOf(node).trim() === "" ? <td {...props} /> : <th {...props}>{children}</th>),
    table: ({ children }) => (
      // Focusable, so that a table wider than a phone can be scrolled from the keyboard.
      <div className={styles.tableScroll} tabIndex={0}>
        <table>{children}</table>
      </div>
    ),
    a: ({ href, children }) => {
      const external = href ? /^https?:/i.test(href) : false;
      return (
        <a href={href} {...(external ? { rel: "noopener noreferrer" } : {})}>
          {children}
        </a>
      );
    },
  };
  return (
    <div className={styles.body}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} urlTransform={safeUrl} skipHtml components={components}>
        {markdown}
      </ReactMarkdown>
    </div>
  );
}

function ClaimBlock({ source, lang }: { source: string; lang: Language }) {
  const block = describeClaimBlock(source, lang);
  if (block.kind === "code") {
    return (
      <pre data-testid="claim-unchecked" tabIndex={0}>
        <code>{source}</code>
      </pre>
    );
  }
  return (
    <div className={styles.claim} data-testid="claim">
      <p className={styles.claimHead}>
        <span className="badge checked">
          <span aria-hidden="true">✓</span> {learn.checkedBadge[lang]}
        </span>
        <span className={styles.claimSummary}>{block.summary}</span>
      </p>
      <div className={styles.claimMore}>
        {block.scenario && (
          <Link href={scenarioHref(block.scenario.name, block.scenario.lose)} className={styles.claimPlay}>
            <span aria-hidden="true">▶ </span>
            {learn.playScenario[lang]}
          </Link>
        )}
        <details>
          <summary>{learn.claimSource[lang]}</summary>
          <pre tabIndex={0}>
            <code>{source}</code>
          </pre>
        </details>
      </div>
    </div>
  );
}

function textOf(node: Element | ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Only web and relative links survive; javascript: and the like become plain text. */
function safeUrl(url: string): string {
  return /^(https?:\/\/|\/|#)/i.test(url) ? url : "";
}

/**
 * Markdown from content files, rendered without letting HTML in: react-markdown
 * never renders raw HTML unless told to, and links are limited to http(s).
 */
export function MarkdownText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} urlTransform={safeUrl} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}

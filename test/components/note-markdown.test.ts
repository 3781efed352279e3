import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoteMarkdown, safeUrl } from "@/components/learn/note-markdown";

const render = (markdown: string, lang: "zh" | "en" = "en") => renderToStaticMarkup(createElement(NoteMarkdown, { markdown, lang }));
const fence = (info: string, body: string) => ["```" + info, body, "```"].join("\n");

describe("NoteMarkdown", () => {
  it("turns a claim the machine confirms into a badge, an icon and text, with its summary", () => {
    const html = render(fence("claim", "in: FIN_WAIT_1\non: rcv FIN\nthen: CLOSING\nsends: ACK"));
    expect(html).toContain('data-testid="claim"');
    expect(html).toContain('class="badge checked"');
    expect(html).toContain('<span aria-hidden="true">✓</span> Checked by the machine');
    expect(html).toContain("FIN_WAIT_1 + rcv FIN → CLOSING, sends ACK");
  });

  it("links a scenario claim to the scenario player, with its losses", () => {
    const html = render(fence("claim", "scenario: close-client-first\nlose: [2]\nstates:\n  client: [ESTABLISHED, FIN_WAIT_1, TIME_WAIT, CLOSED]"), "zh");
    expect(html).toContain('href="/learn/scenarios?name=close-client-first&amp;lose=2"');
    expect(html).toContain("已由状态机验证");
  });

  it("shows a claim that does not parse, or that the machine denies, as plain code", () => {
    for (const body of ["in: [FIN_WAIT_1", "in: FIN_WAIT_1\non: rcv FIN\nthen: TIME_WAIT"]) {
      const html = render(fence("claim", body));
      expect(html).toContain('data-testid="claim-unchecked"');
      expect(html).not.toContain("badge checked");
    }
  });

  it("leaves other code blocks as they are, focusable so that a wide one scrolls from the keyboard", () => {
    expect(render(fence("yaml", "a: 1"))).toContain('<pre tabindex="0"><code class="language-yaml">a: 1\n</code></pre>');
  });

  it("renders no raw HTML and no script links", () => {
    const html = render('<script>alert(1)</script>\n\n<b onclick="x()">bold</b> [click](javascript:alert(1)) [web](https://example.com) [note](/learn/time-wait)');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("onclick");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.com" rel="noopener noreferrer"');
    expect(html).toContain('href="/learn/time-wait"');
  });

  it("makes a table's empty corner a data cell, not a header without a name (axe: empty-table-header)", () => {
    expect(render("|  | TCP |\n| - | - |\n| setup | handshake |")).toContain("<thead><tr><td></td><th>TCP</th></tr></thead>");
  });

  it("renders GFM tables inside a scrolling frame", () => {
    expect(render("| a | b |\n| - | - |\n| 1 | 2 |")).toMatch(/<div class="[^"]*" tabindex="0"><table><thead>/);
  });
});

describe("safeUrl", () => {
  it.each([
    ["https://example.com/x", "https://example.com/x"],
    ["http://example.com", "http://example.com"],
    ["/learn/time-wait", "/learn/time-wait"],
    ["../notes/x", "../notes/x"],
    ["#heading", "#heading"],
    ["javascript:alert(1)", ""],
    [" JavaScript:alert(1)", ""],
    ["data:text/html,hi", ""],
    ["mailto:a@b.c", ""],
  ])("%s → %s", (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });
});

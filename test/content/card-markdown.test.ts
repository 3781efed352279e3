import { describe, expect, it } from "vitest";
import { cardMarkdown, MAX_CARD_MARKDOWN } from "@/lib/content/card-markdown";

describe("card Markdown as the review page draws it", () => {
  it("inline code, strong and emphasis inside a paragraph", () => {
    expect(cardMarkdown("The `FIN` is **acknowledged** *once*.")).toEqual([
      { tag: "p", children: ["The ", { tag: "code", children: ["FIN"] }, " is ", { tag: "strong", children: ["acknowledged"] }, " ", { tag: "em", children: ["once"] }, "."] },
    ]);
  });

  it("a tight list has no paragraphs in its items; a fenced block keeps its text", () => {
    expect(cardMarkdown("- SYN\n- ACK\n\n```\nseq=100\n```")).toEqual([
      { tag: "ul", children: [{ tag: "li", children: ["SYN"] }, { tag: "li", children: ["ACK"] }] },
      { tag: "pre", children: [{ tag: "code", children: ["seq=100"] }] },
    ]);
  });

  it("a GFM table has a head row and body rows", () => {
    expect(cardMarkdown("| a | b |\n| - | - |\n| 1 | 2 |")).toEqual([
      {
        tag: "table",
        children: [
          { tag: "thead", children: [{ tag: "tr", children: [{ tag: "th", children: ["a"] }, { tag: "th", children: ["b"] }] }] },
          { tag: "tbody", children: [{ tag: "tr", children: [{ tag: "td", children: ["1"] }, { tag: "td", children: ["2"] }] }] },
        ],
      },
    ]);
  });

  it("HTML is dropped and only web and relative links keep their URL", () => {
    expect(cardMarkdown('<script>alert(1)</script>\n\n<b onclick="x">bold</b> [rfc](https://www.rfc-editor.org/rfc/rfc9293) [x](javascript:alert(1)) [n](/learn/tcp-states)')).toEqual([
      {
        tag: "p",
        children: [
          "bold",
          " ",
          { tag: "a", href: "https://www.rfc-editor.org/rfc/rfc9293", children: ["rfc"] },
          " ",
          { tag: "a", href: "", children: ["x"] },
          " ",
          { tag: "a", href: "/learn/tcp-states", children: ["n"] },
        ],
      },
    ]);
  });

  it("text longer than any card is shown as written, unparsed (the parser's time grows faster than its input)", () => {
    const long = "*a".repeat(MAX_CARD_MARKDOWN);
    expect(cardMarkdown(long)).toEqual([{ tag: "p", children: [long] }]);
  });
});

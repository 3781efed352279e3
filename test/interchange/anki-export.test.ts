import { describe, expect, it } from "vitest";
import type { Card, Deck } from "@/lib/content";
import { ANKI_COLUMNS, exportAnki } from "@/lib/interchange";
import { report } from "./content-report";

/** Splits Anki's text format as its manual describes: tab-separated fields, a quoted field may hold tabs, quotes (doubled) and line breaks. */
function readRecords(body: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === "\t") fields.push(field), (field = "");
    else if (char === "\n") fields.push(field), records.push(fields), (fields = []), (field = "");
    else field += char;
  }
  return records;
}

function fromHtml(html: string): string {
  return html.replace(/<br>/g, "\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const card = (front: string, back: string): Card => ({
  id: "tricky",
  deckId: "tricky",
  kind: "fact",
  front: { zh: front, en: front },
  back: { zh: back, en: back },
  tags: ["states", "time-wait"],
  claimCount: 0,
  sourcePath: "content/cards/tricky.yaml",
  sourceLine: 1,
});

describe("exportAnki", () => {
  it("starts with Anki's header lines, and their column numbers point at the deck and tags columns", () => {
    const text = exportAnki(report.decks, { lang: "en" });
    const lines = text.split("\n");
    const header = lines.slice(0, 7);
    expect(header).toEqual(["#separator:tab", "#html:true", "#notetype:Basic", `#columns:${ANKI_COLUMNS.join("\t")}`, "#guid column:1", "#deck column:4", "#tags column:5"]);
    expect(lines.slice(7).some((line) => line.startsWith("#"))).toBe(false);
    const records = readRecords(lines.slice(7).join("\n"));
    expect(records).toHaveLength(report.decks.reduce((sum, deck) => sum + deck.cards.length, 0));
    const first = report.decks[0]!;
    expect(records[0]).toEqual([`synack-${first.id}-${first.cards[0]!.id}-en`, expect.any(String), expect.any(String), `SynAck::${first.title.en}`, expect.stringContaining("synack")]);
    for (const record of records) {
      expect(record).toHaveLength(ANKI_COLUMNS.length);
      expect(record[3]).toMatch(/^SynAck::/);
    }
  });

  it("a card with a tab, a quote, a line break and < & > round-trips through Anki's quoting and HTML escapes", () => {
    const front = 'ss shows "TIME-WAIT"\tfor <2MSL> & more';
    const back = "line one\nline two\t\"quoted\"";
    const deck: Pick<Deck, "id" | "title" | "cards"> = { id: "tricky", title: { zh: "难", en: "Tricky" }, cards: [card(front, back)] };
    const text = exportAnki([deck], { lang: "en" });
    const body = text.split("\n").slice(7).join("\n");
    expect(body.split("\n").filter((line) => line !== "")).toHaveLength(1);
    const [record] = readRecords(body);
    expect(record!.map(fromHtml)).toEqual(["synack-tricky-tricky-en", front, back, "SynAck::Tricky", "synack synack-fact states time-wait"]);
    expect(body).toContain('""TIME-WAIT""');
  });

  it("without a language both go on each card, marked with their lang", () => {
    const deck: Pick<Deck, "id" | "title" | "cards"> = { id: "two", title: { zh: "二", en: "Two" }, cards: [{ ...card("x", "y"), front: { zh: "前", en: "front" } }] };
    const [record] = readRecords(exportAnki([deck], { lang: "both" }).split("\n").slice(7).join("\n"));
    expect(record![1]).toBe('<div lang="zh">前</div><div lang="en">front</div>');
    expect(record![3]).toBe("SynAck::二 / Two");
  });
});

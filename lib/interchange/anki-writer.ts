import type { BilingualText, Card, Deck } from "../content";
import type { ExportLanguage } from "./multilang";

/*
 * Flashcards in Anki's text import format (Anki manual, "Importing > Text
 * Files"): header lines first, each `#key:value`, then one note per line.
 * With `#html:true` a field is HTML, so & < > in text are written as
 * entities and a line break as <br>; a field holding the separator (tab) or a
 * double quote is put in double quotes with each inner quote doubled.
 */

/** The columns, in order; the header's column numbers are counted from 1 in this list. */
export const ANKI_COLUMNS = ["GUID", "Front", "Back", "Deck", "Tags"] as const;

const column = (name: (typeof ANKI_COLUMNS)[number]) => ANKI_COLUMNS.indexOf(name) + 1;

export const ANKI_HEADER = [
  "#separator:tab",
  "#html:true",
  "#notetype:Basic",
  `#columns:${ANKI_COLUMNS.join("\t")}`,
  `#guid column:${column("GUID")}`,
  `#deck column:${column("Deck")}`,
  `#tags column:${column("Tags")}`,
];

/** Text as an Anki HTML field: & < > as entities, line breaks as <br>. */
export function ankiHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, "<br>");
}

/** A field as written on its line: quoted, with inner quotes doubled, when it holds a tab, a quote or a line break. */
export function ankiField(value: string): string {
  return /[\t"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function bilingualHtml(text: BilingualText, lang: ExportLanguage): string {
  if (lang !== "both") return ankiHtml(text[lang]);
  return `<div lang="zh">${ankiHtml(text.zh)}</div><div lang="en">${ankiHtml(text.en)}</div>`;
}

function backOf(card: Card, lang: ExportLanguage): string {
  const back = bilingualHtml(card.back, lang);
  if (!card.keyPoints) return back;
  const list = (language: "zh" | "en") => `<ul>${card.keyPoints![language].map((point) => `<li>${ankiHtml(point)}</li>`).join("")}</ul>`;
  return back + (lang === "both" ? `<div lang="zh">${list("zh")}</div><div lang="en">${list("en")}</div>` : list(lang));
}

/** Deck names nest on "::" in Anki; a title's own "::" would nest further, so it is softened. */
function deckName(deck: Pick<Deck, "title">, lang: ExportLanguage): string {
  const title = lang === "both" ? (deck.title.zh === deck.title.en ? deck.title.en : `${deck.title.zh} / ${deck.title.en}`) : deck.title[lang];
  return `SynAck::${title.replace(/::/g, ":").replace(/[\t\r\n]/g, " ")}`;
}

/** Anki tags are separated by spaces; SynAck's are kebab-case already. */
function tagsOf(card: Card): string {
  return ["synack", `synack-${card.kind}`, ...card.tags].join(" ");
}

export interface AnkiOptions {
  lang: ExportLanguage;
}

/** The decks' cards as one Anki text import file, a note per line; the GUID keeps a re-import updating, not duplicating. */
export function exportAnki(decks: readonly Pick<Deck, "id" | "title" | "cards">[], options: AnkiOptions): string {
  const lines = decks.flatMap((deck) =>
    deck.cards.map((card) =>
      [`synack-${deck.id}-${card.id}${options.lang === "both" ? "" : `-${options.lang}`}`, bilingualHtml(card.front, options.lang), backOf(card, options.lang), deckName(deck, options.lang), tagsOf(card)]
        .map(ankiField)
        .join("\t"),
    ),
  );
  return `${[...ANKI_HEADER, ...lines].join("\n")}\n`;
}

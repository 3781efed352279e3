import { XMLBuilder } from "fast-xml-parser";
import type { BilingualText, QuizFile } from "../content";
import type { QuestionContext } from "../questions";
import { defaultSeed, expandQuiz } from "./expand-quiz";
import type { ExportItem } from "./export-item";
import type { ExportOptions } from "./gift-writer";
import { categoryOf } from "./gift-writer";
import { textToHtml } from "./html-text";
import { multilangHtml, multilangPlain, type ExportLanguage } from "./multilang";

type Node = Record<string, unknown>;

const text = (value: string): Node => ({ text: value });
const htmlText = (value: string): Node => ({ "@_format": "html", text: value });

/** Moodle's penalty for a wrong try in adaptive mode: a third, as its own question editor sets by default. */
const PENALTY = "0.3333333";

/**
 * Characters with a meaning inside a cloze answer ({1:SHORTANSWER:=…}), which
 * Moodle's multianswer help says to escape with a backslash.
 */
function clozeEscape(value: string): string {
  return value.replace(/[\\}#~/"]/g, (char) => `\\${char}`);
}

function promptHtml(item: ExportItem, lang: ExportLanguage): string {
  return multilangHtml(item.prompt, lang) + (item.diagram ? `<pre>${textToHtml(item.diagram)}</pre>` : "");
}

function keyPointsHtml(item: Extract<ExportItem, { type: "essay" }>, lang: ExportLanguage): string {
  const list = (language: "zh" | "en") => `<ul>${item.keyPoints[language].map((point) => `<li>${textToHtml(point)}</li>`).join("")}</ul>`;
  return lang === "both" ? `<span lang="zh" class="multilang">${list("zh")}</span><span lang="en" class="multilang">${list("en")}</span>` : list(lang);
}

function answer(fraction: number, value: string, extra: Node = {}, format?: string): Node {
  return { "@_fraction": String(fraction), ...(format ? { "@_format": format } : {}), text: value, ...extra };
}

function segmentCloze(item: Extract<ExportItem, { type: "segment" }>, lang: ExportLanguage): string {
  const words = (value: BilingualText) => multilangHtml(value, lang);
  const fields = [
    `${words({ zh: "标志", en: "Flags" })}: {1:SHORTANSWER:=${clozeEscape(item.flags)}}`,
    `seq: {1:NUMERICAL:=${item.seq}:0}`,
    item.ack === null ? `ack: ${words({ zh: "（ACK 位为 0，无 ack）", en: "(ACK bit off: no ack)" })}` : `ack: {1:NUMERICAL:=${item.ack}:0}`,
  ];
  return `${multilangHtml(item.prompt, lang)}${item.diagram ? `<pre>${textToHtml(item.diagram)}</pre>` : ""}<p>${fields.join("<br>")}</p>`;
}

/** The type-specific part of one <question>. */
function typeFields(item: ExportItem, lang: ExportLanguage): Node {
  switch (item.type) {
    case "multichoice":
      return {
        single: "true",
        shuffleanswers: "true",
        answernumbering: "abc",
        answer: item.choices.map((choice) => answer(choice.correct ? 100 : 0, multilangHtml(choice.label, lang), {}, "html")),
      };
    case "truefalse":
      return { answer: [answer(item.answer ? 100 : 0, "true", {}, "moodle_auto_format"), answer(item.answer ? 0 : 100, "false", {}, "moodle_auto_format")] };
    case "shortanswer":
      return { usecase: "0", answer: item.answers.map((value) => answer(100, value, {}, "moodle_auto_format")) };
    case "numerical":
      return { answer: [answer(100, String(item.answer), { tolerance: "0" }, "moodle_auto_format")] };
    case "matching":
      return {
        shuffleanswers: "true",
        subquestion: item.pairs.map((pair) => ({ "@_format": "html", text: multilangHtml(pair.left, lang), answer: text(multilangPlain(pair.right, lang)) })),
      };
    case "segment":
      return {};
    case "essay":
      return {
        responseformat: "editor",
        responserequired: "1",
        responsefieldlines: "10",
        attachments: "0",
        graderinfo: htmlText(keyPointsHtml(item, lang)),
        responsetemplate: htmlText(""),
      };
  }
}

const MOODLE_TYPE: Record<ExportItem["type"], string> = {
  multichoice: "multichoice",
  truefalse: "truefalse",
  shortanswer: "shortanswer",
  numerical: "numerical",
  matching: "matching",
  segment: "cloze",
  essay: "essay",
};

function questionNode(item: ExportItem, lang: ExportLanguage): Node {
  const explanation = item.type === "essay" ? keyPointsHtml(item, lang) : item.explanation.en.trim() === "" ? "" : multilangHtml(item.explanation, lang);
  return {
    "@_type": MOODLE_TYPE[item.type],
    name: text(item.name),
    questiontext: htmlText(item.type === "segment" ? segmentCloze(item, lang) : promptHtml(item, lang)),
    generalfeedback: htmlText(explanation),
    defaultgrade: item.type === "segment" ? "3" : "1",
    penalty: PENALTY,
    hidden: "0",
    ...typeFields(item, lang),
  };
}

function categoryNode(quiz: QuizFile, lang: ExportLanguage): Node {
  return { "@_type": "category", category: text(categoryOf(quiz)), info: htmlText(multilangHtml(quiz.description ?? quiz.title, lang)) };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, indentBy: "  ", suppressEmptyNode: false });

/**
 * Quizzes as Moodle XML (the question bank's "Moodle XML format"): a
 * category entry per quiz, then its questions, each with a name, the
 * explanation as general feedback and a default grade (3 for a segment
 * cloze: one mark per field). Text is escaped, never raw.
 */
export function exportMoodleXml(quizzes: readonly QuizFile[], context: QuestionContext, options: ExportOptions): string {
  const questions = quizzes.flatMap((quiz) => [
    categoryNode(quiz, options.lang),
    ...expandQuiz(quiz, context, options.seed ?? defaultSeed(quiz)).map((item) => questionNode(item, options.lang)),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: questions } })}`;
}

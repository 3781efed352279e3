import type { QuizFile } from "../content";
import type { QuestionContext } from "../questions";
import { expandQuiz, defaultSeed } from "./expand-quiz";
import { segmentText, type ExportItem } from "./export-item";
import { escapeGift } from "./gift-escape";
import { textToHtml } from "./html-text";
import { multilangHtml, multilangPlain, type ExportLanguage } from "./multilang";
import { SOURCE_COMMENT } from "./source-comment";

export interface ExportOptions {
  /** The seed generated slots are expanded with; each quiz's own default when absent. */
  seed?: number;
  lang: ExportLanguage;
}

/** The Moodle question bank category a quiz's questions go into. */
export function categoryOf(quiz: Pick<QuizFile, "id">): string {
  return `$course$/top/SynAck/${quiz.id}`;
}

function html(text: Parameters<typeof multilangHtml>[0], lang: ExportLanguage): string {
  return escapeGift(multilangHtml(text, lang));
}

function questionText(item: ExportItem, lang: ExportLanguage): string {
  const diagram = item.diagram ? `<pre>${textToHtml(item.diagram)}</pre>` : "";
  return `[html]${html(item.prompt, lang)}${escapeGift(diagram)}`;
}

function generalFeedback(item: ExportItem, lang: ExportLanguage): string {
  if (item.type === "essay") {
    const points = (["zh", "en"] as const).map((language) => `<ul>${item.keyPoints[language].map((point) => `<li>${textToHtml(point)}</li>`).join("")}</ul>`);
    const list = lang === "both" ? `<span lang="zh" class="multilang">${points[0]}</span><span lang="en" class="multilang">${points[1]}</span>` : points[lang === "zh" ? 0 : 1]!;
    return `####${escapeGift(list)}`;
  }
  const text = item.explanation[lang === "both" ? "en" : lang].trim() === "" ? "" : html(item.explanation, lang);
  return text ? `####${text}` : "";
}

function answers(item: ExportItem, lang: ExportLanguage): string[] {
  switch (item.type) {
    case "multichoice":
      return item.choices.map((choice) => `${choice.correct ? "=" : "~"}${html(choice.label, lang)}`);
    case "truefalse":
      return [item.answer ? "TRUE" : "FALSE"];
    case "shortanswer":
      return item.answers.map((answer) => `=${escapeGift(answer)}`);
    case "numerical":
      return [`#${item.answer}:0`];
    case "matching":
      return item.pairs.map((pair) => `=${html(pair.left, lang)} -> ${escapeGift(multilangPlain(pair.right, lang))}`);
    case "segment": {
      const canonical = segmentText(item);
      return [`=${escapeGift(canonical)}`, `=${escapeGift(canonical.replace(/ /g, ", "))}`];
    }
    case "essay":
      return [];
  }
}

/** One question in GIFT; a quiz file's own question is preceded by a comment holding it, for a faithful import. */
export function giftQuestion(item: ExportItem, lang: ExportLanguage): string {
  const lines: string[] = [];
  if (item.source) lines.push(`${SOURCE_COMMENT}${JSON.stringify(item.source)}`);
  const body = answers(item, lang);
  const feedback = generalFeedback(item, lang);
  const numerical = item.type === "numerical";
  lines.push(`::${escapeGift(item.name)}::${questionText(item, lang)}{${numerical ? body[0] : ""}`);
  if (!numerical) body.forEach((answer) => lines.push(`\t${answer}`));
  if (feedback) lines.push(`\t${feedback}`);
  lines.push("}");
  return lines.join("\n");
}

/**
 * Quizzes as one GIFT file for Moodle's question bank import: each quiz a
 * $CATEGORY, its fixed questions then its generated slots expanded with the
 * seed, blank lines between questions.
 */
export function exportGift(quizzes: readonly QuizFile[], context: QuestionContext, options: ExportOptions): string {
  const blocks = quizzes.flatMap((quiz) => [
    `// ${multilangPlain(quiz.title, options.lang)} (SynAck quiz ${quiz.id}, seed ${options.seed ?? defaultSeed(quiz)})\n$CATEGORY: ${categoryOf(quiz)}`,
    ...expandQuiz(quiz, context, options.seed ?? defaultSeed(quiz)).map((item) => giftQuestion(item, options.lang)),
  ]);
  return `${blocks.join("\n\n")}\n`;
}

import { parse, type GIFTQuestion, type TextChoice } from "gift-pegjs";
import { Document } from "yaml";
import { quizFileSchema, quizQuestionSchema, type BilingualText, type QuizFile, type QuizQuestionInput } from "../content";
import { giftBlocks, type GiftBlock } from "./gift-blocks";
import { readGiftText } from "./gift-text";
import { SOURCE_COMMENT } from "./source-comment";
import { stateOfAnswers } from "./state-spellings";

export interface ImportOptions {
  /** Shown in messages; the quiz id comes from it when `quizId` is absent. */
  fileName: string;
  quizId?: string;
  /** The language the GIFT text is written in; the other language gets a copy to translate. */
  lang: "zh" | "en";
}

export interface ImportMessage {
  line: number;
  message: string;
}

export interface ImportResult {
  /** Null when nothing in the file could be imported. */
  quiz: QuizFile | null;
  yaml: string;
  /** Questions left out, each with why. */
  skipped: ImportMessage[];
  /** Imported, but with something the author should look at (a true/false the machine cannot check). */
  notes: ImportMessage[];
}

type Converted = { question: QuizQuestionInput; bilingual: boolean; note?: string } | { skip: string };

function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

const NO_EQUIVALENT: Record<string, string> = {
  Description: "a description (text with no answers) has no SynAck equivalent; skipped",
  Numerical: "a numerical question has no SynAck equivalent in quiz files (numbers are asked only by generated seq-arith questions); skipped",
  Matching: "a matching question has no SynAck equivalent in quiz files; skipped",
};

function bothOf(parts: { text: BilingualText; bilingual: boolean }[]): boolean {
  return parts.every((part) => part.bilingual);
}

/** Feedback the GIFT gives (general, per answer), gathered into the one explanation a SynAck question has. */
function explanationOf(question: GIFTQuestion, extra: { text: BilingualText }[] = []): BilingualText | undefined {
  const parts = [..."globalFeedback" in question && question.globalFeedback ? [readGiftText(question.globalFeedback)] : [], ...extra].filter((part) => part.text.en !== "");
  if (parts.length === 0) return undefined;
  return { zh: parts.map((part) => part.text.zh).join("\n"), en: parts.map((part) => part.text.en).join("\n") };
}

function convertChoice(question: Extract<GIFTQuestion, { type: "MC" }>, prompt: ReturnType<typeof readGiftText>): Converted {
  const right = question.choices.filter((choice) => choice.isCorrect || (choice.weight ?? 0) >= 100);
  const partial = question.choices.some((choice) => choice.weight !== null && choice.weight > 0 && choice.weight < 100);
  if (partial || right.length !== 1) {
    return { skip: `a multiple-answer question (${right.length} right, ${partial ? "with partial weights" : "no partial weights"}) has no SynAck equivalent: a choice question has exactly one right answer; skipped` };
  }
  if (question.choices.length < 2) return { skip: "a multiple-choice question needs at least two choices; skipped" };
  const labels = question.choices.map((choice) => readGiftText(choice.text));
  const feedback = question.choices.flatMap((choice: TextChoice, index) =>
    choice.feedback ? [{ text: prefixed(labels[index]!.text, readGiftText(choice.feedback).text) }] : [],
  );
  const explanation = explanationOf(question, feedback);
  return {
    question: {
      id: "",
      type: "choice",
      prompt: prompt.text,
      choices: labels.map((label) => label.text),
      answer: question.choices.indexOf(right[0]!),
      ...(explanation ? { explanation } : {}),
    },
    bilingual: bothOf([prompt, ...labels]),
  };
}

function prefixed(label: BilingualText, feedback: BilingualText): BilingualText {
  return { zh: `${label.zh}：${feedback.zh}`, en: `${label.en}: ${feedback.en}` };
}

function convert(question: GIFTQuestion): Converted {
  if (question.type === "Category") return { skip: "" };
  if (question.type in NO_EQUIVALENT) return { skip: NO_EQUIVALENT[question.type]! };
  const withStem = question as Exclude<GIFTQuestion, { type: "Category" }>;
  const prompt = readGiftText(withStem.stem);
  if (withStem.hasEmbeddedAnswers) return { skip: "a missing-word question (answers inside the text) has no SynAck equivalent; skipped" };
  switch (question.type) {
    case "MC":
      return convertChoice(question, prompt);
    case "TF": {
      const explanation = explanationOf(question, [question.trueFeedback, question.falseFeedback].flatMap((part) => (part ? [readGiftText(part)] : [])));
      return {
        question: { id: "", type: "true-false", prompt: prompt.text, answer: question.isTrue, ...(explanation ? { explanation } : {}) },
        bilingual: prompt.bilingual,
        note: "a true/false question imported without a `claim:` block: content:check cannot test its statement against the machine; add a claim if it states a TCP fact",
      };
    }
    case "Essay": {
      if (!question.globalFeedback) return { skip: "an essay with no general feedback (####) has no key points to self-grade against; skipped" };
      const feedback = readGiftText(question.globalFeedback);
      const points = (text: string) =>
        text
          .split("\n")
          .map((line) => line.replace(/^\s*(?:[•*-]|\d+[.)])\s*/, "").trim())
          .filter((line) => line !== "");
      return { question: { id: "", type: "free-text", prompt: prompt.text, keyPoints: { zh: points(feedback.text.zh), en: points(feedback.text.en) } }, bilingual: prompt.bilingual && feedback.bilingual };
    }
    case "Short": {
      const answers = question.choices.map((choice) => readGiftText(choice.text).text.en);
      const state = stateOfAnswers(answers);
      if (state) return { skip: `a short answer naming the state ${state}: a next-state question also needs the state and event it starts from, which the text does not give; skipped` };
      return { skip: "a short-answer question has no SynAck equivalent (typed answers are only state names, in next-state questions); skipped" };
    }
  }
  return { skip: `a ${question.type} question has no SynAck equivalent; skipped` };
}

/** The question SynAck's own export wrote beside this one, if it is there, valid, and still says what the GIFT text says. */
function sourceOf(block: GiftBlock, question: GIFTQuestion, lang: "zh" | "en"): QuizQuestionInput | null {
  const comment = block.comments.find((line) => line.startsWith(SOURCE_COMMENT));
  if (!comment || question.type === "Category") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(comment.slice(SOURCE_COMMENT.length));
  } catch {
    return null;
  }
  const result = quizQuestionSchema.safeParse(parsed);
  if (!result.success) return null;
  const prompt = readGiftText(question.stem).text;
  const source = result.data;
  return prompt[lang].startsWith(source.prompt[lang].trim()) ? source : null;
}

function uniqueId(title: string | null, taken: Set<string>, index: number): string {
  const base = (title && kebab(title)) || `q${index}`;
  let id = /^[a-z0-9]/.test(base) ? base : `q-${base}`;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function parseBlock(block: GiftBlock): GIFTQuestion[] | string {
  try {
    return parse(`${block.text}\n`);
  } catch (error) {
    const found = error as { message?: string; location?: { start?: { line?: number } } };
    return `GIFT syntax error${found.location?.start?.line ? ` on line ${block.line + found.location.start.line - 1}` : ""}: ${(found.message ?? String(error)).split("\n")[0]}; skipped`;
  }
}

/**
 * A GIFT file as a SynAck quiz file. Every question with a SynAck
 * equivalent is converted (multiple choice with one right answer → choice,
 * true/false → true-false, essay → free-text with the general feedback's
 * lines as key points); a question SynAck's export wrote comes back as the
 * quiz file question it was. Everything else is listed in `skipped` with its
 * line, never dropped silently.
 */
export function importGift(text: string, options: ImportOptions): ImportResult {
  const skipped: ImportMessage[] = [];
  const notes: ImportMessage[] = [];
  const questions: { question: QuizQuestionInput; line: number; category: string | null }[] = [];
  const taken = new Set<string>();
  let category: string | null = null;
  let firstCategory: string | null = null;
  let monolingual = false;
  for (const block of giftBlocks(text)) {
    const parsed = parseBlock(block);
    if (typeof parsed === "string") {
      skipped.push({ line: block.line, message: parsed });
      continue;
    }
    for (const question of parsed) {
      if (question.type === "Category") {
        category = question.title;
        firstCategory ??= question.title;
        continue;
      }
      const source = sourceOf(block, question, options.lang);
      const converted: Converted = source ? { question: source, bilingual: true } : convert(question);
      if ("skip" in converted) {
        skipped.push({ line: block.line, message: converted.skip });
        continue;
      }
      if (!converted.bilingual) monolingual = true;
      if (converted.note) notes.push({ line: block.line, message: converted.note });
      const id = source ? uniqueId(source.id, taken, questions.length + 1) : uniqueId("title" in question ? question.title : null, taken, questions.length + 1);
      questions.push({ question: { ...converted.question, id }, line: block.line, category });
    }
  }
  if (questions.length === 0) return { quiz: null, yaml: "", skipped, notes };
  const quizId = options.quizId ?? (kebab(options.fileName.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, "")) || "imported-gift");
  const titleText = (firstCategory ?? quizId).split("/").pop()!.replace(/^\$\w+\$$/, quizId) || quizId;
  const quiz = quizFileSchema.parse({ id: quizId, title: { zh: titleText, en: titleText }, questions: questions.map((entry) => entry.question) });
  return { quiz, yaml: quizYaml(quiz, questions, options, monolingual), skipped, notes };
}

function quizYaml(quiz: QuizFile, entries: { line: number; category: string | null }[], options: ImportOptions, monolingual: boolean): string {
  const { generated, ...written } = quiz;
  const doc = new Document(generated.length > 0 ? quiz : written);
  const other = options.lang === "zh" ? "en" : "zh";
  doc.commentBefore = [
    ` Imported from ${options.fileName} by npm run -s import -- gift.`,
    ...(monolingual ? [` The GIFT text was in ${options.lang}; every ${other} text below is a copy of it that needs translating.`] : []),
  ].join("\n");
  entries.forEach((entry, index) => {
    const node = doc.getIn(["questions", index], true) as { commentBefore?: string } | undefined;
    if (node) node.commentBefore = ` GIFT line ${entry.line}${entry.category ? `, category ${entry.category}` : ""}`;
  });
  return doc.toString({ lineWidth: 0 });
}

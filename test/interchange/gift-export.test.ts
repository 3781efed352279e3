import { parse, type GIFTQuestion } from "gift-pegjs";
import { describe, expect, it } from "vitest";
import type { QuizFile } from "@/lib/content";
import { expandQuiz, exportGift, stateSpellings, type ExportItem } from "@/lib/interchange";
import { readMultilang } from "@/lib/interchange/multilang";
import { htmlToText } from "@/lib/interchange/html-text";
import { context, quizById, report } from "./content-report";

type Parsed = Exclude<GIFTQuestion, { type: "Category" | "Description" }>;

/** Every generated kind once, so that every Moodle type the export writes is parsed back. */
const everyKind: QuizFile = {
  id: "every-kind",
  title: { zh: "每种题型", en: "Every kind" },
  questions: [],
  generated: [{ count: 11, kinds: ["next-state", "segment", "sends", "order", "match", "which-side", "what-if", "true-false", "trace-gap", "why", "seq-arith"] }],
};

function questionsOf(gift: string): Parsed[] {
  return parse(gift).filter((question): question is Parsed => question.type !== "Category" && question.type !== "Description");
}

function promptText(question: Parsed, lang: "zh" | "en" | "both") {
  expect(question.stem.format).toBe("html");
  return lang === "both" ? readMultilang(question.stem.text) : htmlToText(question.stem.text);
}

/** What a parsed GIFT question says the right answers are, in the one language exported. */
function rightAnswers(question: Parsed): unknown {
  switch (question.type) {
    case "MC":
      return question.choices.filter((choice) => choice.isCorrect).map((choice) => htmlToText(choice.text.text));
    case "TF":
      return question.isTrue;
    case "Short":
      return question.choices.map((choice) => choice.text.text);
    case "Numerical":
      return Array.isArray(question.choices) ? question.choices.map((choice) => choice.text.number) : [question.choices.number];
    case "Matching":
      return question.matchPairs.map((pair) => [htmlToText(pair.subquestion.text), pair.subanswer]);
    case "Essay":
      return htmlToText(question.globalFeedback?.text ?? "").split("\n");
  }
}

function expectedAnswers(item: ExportItem): unknown {
  switch (item.type) {
    case "multichoice":
      return item.choices.filter((choice) => choice.correct).map((choice) => choice.label.en);
    case "truefalse":
      return item.answer;
    case "shortanswer":
      return item.answers;
    case "numerical":
      return [item.answer];
    case "matching":
      return item.pairs.map((pair) => [pair.left.en, pair.right.en]);
    case "segment":
      return [`${item.flags} seq=${item.seq}${item.ack === null ? "" : ` ack=${item.ack}`}`, `${item.flags}, seq=${item.seq}${item.ack === null ? "" : `, ack=${item.ack}`}`];
    case "essay":
      return item.keyPoints.en.map((point) => `• ${point}`);
  }
}

const GIFT_TYPE: Record<ExportItem["type"], Parsed["type"]> = {
  multichoice: "MC",
  truefalse: "TF",
  shortanswer: "Short",
  numerical: "Numerical",
  matching: "Matching",
  segment: "Short",
  essay: "Essay",
};

describe("exportGift", () => {
  it("every quiz in content/ parses back with gift-pegjs: a $CATEGORY per quiz, then its questions with their prompts and right answers", () => {
    const gift = exportGift(report.quizzes, context, { lang: "en" });
    const parsed = parse(gift);
    const categories = parsed.filter((question) => question.type === "Category").map((question) => question.title);
    expect(categories).toEqual(report.quizzes.map((quiz) => `$course$/top/SynAck/${quiz.id}`));
    const items = report.quizzes.flatMap((quiz) => expandQuiz(quiz, context));
    const questions = questionsOf(gift);
    expect(questions).toHaveLength(items.length);
    questions.forEach((question, index) => {
      const item = items[index]!;
      expect(question.title).toBe(item.name);
      expect(question.type).toBe(GIFT_TYPE[item.type]);
      expect(promptText(question, "en")).toBe(item.prompt.en);
      expect(rightAnswers(question)).toEqual(expectedAnswers(item));
    });
  });

  it("both languages travel in Moodle's multilang spans, in the prompt and the choices", () => {
    const quiz = quizById("handshake-basics");
    const questions = questionsOf(exportGift([quiz], context, { lang: "both" }));
    const items = expandQuiz(quiz, context);
    questions.forEach((question, index) => expect(promptText(question, "both")).toEqual(items[index]!.prompt));
    const choice = questions.find((question) => question.title === "q4");
    expect(choice?.type).toBe("MC");
    if (choice?.type === "MC") expect(readMultilang(choice.choices.find((entry) => entry.isCorrect)!.text.text)).toEqual({ zh: "ACK，seq=1001，ack=5001", en: "ACK, seq=1001, ack=5001" });
  });

  it("a state answer accepts every spelling of the state, and each spelling names that state", () => {
    expect(stateSpellings("SYN_RECEIVED")).toEqual(["SYN_RECEIVED", "SYN-RECEIVED", "SYN RECEIVED", "SYN_RCVD", "SYN-RCVD", "SYN_RECV", "SYN-RECV"]);
    expect(stateSpellings("ESTABLISHED")).toEqual(["ESTABLISHED", "ESTAB"]);
    expect(stateSpellings("FIN_WAIT_1")).toContain("FIN-WAIT-1");
  });

  it("every generated kind maps to a GIFT type, and the same seed gives the same file", () => {
    const gift = exportGift([everyKind], context, { lang: "en", seed: 7 });
    expect(exportGift([everyKind], context, { lang: "en", seed: 7 })).toBe(gift);
    expect(exportGift([everyKind], context, { lang: "en", seed: 8 })).not.toBe(gift);
    const items = expandQuiz(everyKind, context, 7);
    const questions = questionsOf(gift);
    expect(new Set(questions.map((question) => question.type))).toEqual(new Set(["MC", "TF", "Short", "Numerical", "Matching", "Essay"]));
    questions.forEach((question, index) => {
      const item = items[index]!;
      expect(promptText(question, "en")).toBe(item.diagram ? `${item.prompt.en}\n${item.diagram.replace(/[ \t]+\n/g, "\n")}` : item.prompt.en);
      expect(rightAnswers(question)).toEqual(expectedAnswers(item));
    });
  });

  it("escapes ~ = # { } : and backslashes so that text with them parses back unchanged", () => {
    const text = "a ~ b = c # d { e } f: g \\ h";
    const quiz: QuizFile = {
      id: "escapes",
      title: { zh: "转义", en: "Escapes" },
      questions: [{ id: "q1", type: "choice", prompt: { zh: text, en: text }, choices: [{ zh: "=1", en: "=1" }, { zh: "~2", en: "~2" }], answer: 0 }],
      generated: [],
    };
    const [question] = questionsOf(exportGift([quiz], context, { lang: "en" }));
    expect(promptText(question!, "en")).toBe(text);
    expect(rightAnswers(question!)).toEqual(["=1"]);
  });
});

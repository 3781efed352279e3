import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { QuizFile } from "@/lib/content";
import { expandQuiz, exportMoodleXml, type ExportItem } from "@/lib/interchange";
import { htmlToText } from "@/lib/interchange/html-text";
import { readMultilang } from "@/lib/interchange/multilang";
import { context, quizById, report } from "./content-report";

type XmlQuestion = Record<string, any>;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["question", "answer", "subquestion"].includes(name), parseTagValue: false });

function questionsOf(xml: string): XmlQuestion[] {
  return (parser.parse(xml) as { quiz: { question: XmlQuestion[] } }).quiz.question;
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

const everyKind: QuizFile = {
  id: "every-kind",
  title: { zh: "每种题型", en: "Every kind" },
  questions: [],
  generated: [{ count: 11, kinds: ["next-state", "segment", "sends", "order", "match", "which-side", "what-if", "true-false", "trace-gap", "why", "seq-arith"] }],
};

function right(question: XmlQuestion): unknown {
  const answers = (question.answer ?? []) as XmlQuestion[];
  const correct = answers.filter((answer) => answer["@_fraction"] === "100").map((answer) => htmlToText(answer.text));
  switch (question["@_type"]) {
    case "numerical":
      return correct.map(Number);
    case "truefalse":
      return correct[0] === "true";
    case "matching":
      return (question.subquestion as XmlQuestion[]).map((sub) => [htmlToText(sub.text), sub.answer[0].text]);
    case "cloze":
      return [...String(question.questiontext.text).matchAll(/\{1:(SHORTANSWER|NUMERICAL):=([^}:]+)/g)].map((match) => match[2]);
    case "essay":
      return htmlToText(question.graderinfo.text).split("\n");
    default:
      return correct;
  }
}

function expected(item: ExportItem): unknown {
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
      return [item.flags, String(item.seq), ...(item.ack === null ? [] : [String(item.ack)])];
    case "essay":
      return item.keyPoints.en.map((point) => `• ${point}`);
  }
}

describe("exportMoodleXml", () => {
  it("parses back with fast-xml-parser: a category question per quiz, then each question with its type, name, prompt, right answers, general feedback and default grade", () => {
    const quizzes = [...report.quizzes, everyKind];
    const questions = questionsOf(exportMoodleXml(quizzes, context, { lang: "en", seed: 3 }));
    const expectedList = quizzes.flatMap((quiz) => [{ category: quiz.id }, ...expandQuiz(quiz, context, 3)]);
    expect(questions).toHaveLength(expectedList.length);
    questions.forEach((question, index) => {
      const entry = expectedList[index]!;
      if ("category" in entry) {
        expect(question["@_type"]).toBe("category");
        expect(question.category.text).toBe(`$course$/top/SynAck/${entry.category}`);
        return;
      }
      expect(question["@_type"]).toBe(MOODLE_TYPE[entry.type]);
      expect(question.name.text).toBe(entry.name);
      expect(question.questiontext["@_format"]).toBe("html");
      expect(htmlToText(question.questiontext.text).startsWith(entry.prompt.en)).toBe(true);
      expect(right(question)).toEqual(expected(entry));
      expect(Number(question.defaultgrade)).toBeGreaterThan(0);
      if (entry.type !== "essay" && entry.explanation.en !== "") expect(htmlToText(question.generalfeedback.text)).toBe(entry.explanation.en.replace(/\n{3,}/g, "\n\n"));
    });
    expect(new Set(questions.map((question) => question["@_type"]))).toEqual(new Set(["category", ...Object.values(MOODLE_TYPE).filter((type) => type !== "shortanswer")]));
  });

  it("writes both languages as multilang spans, and text with < & > stays text", () => {
    const quiz: QuizFile = {
      id: "markup",
      title: { zh: "标记", en: "Markup" },
      questions: [{ id: "q1", type: "true-false", prompt: { zh: "a < b & c > d（中文）", en: "a < b & c > d <script>x</script>" }, answer: true }],
      generated: [],
    };
    const xml = exportMoodleXml([quiz], context, { lang: "both" });
    expect(xml).not.toContain("<script>");
    const [, question] = questionsOf(xml);
    expect(readMultilang(question!.questiontext.text)).toEqual(quiz.questions[0]!.prompt);
    const handshake = questionsOf(exportMoodleXml([quizById("handshake-basics")], context, { lang: "zh" }));
    expect(htmlToText(handshake[1]!.questiontext.text)).toBe("服务器处于 LISTEN，收到客户端的 SYN。它进入什么状态？");
  });
});

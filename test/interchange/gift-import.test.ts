import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkContent, quizFileSchema, type QuizFile } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { exportGift, importGift } from "@/lib/interchange";
import { context, quizById } from "./content-report";

const FIXTURE = "test/interchange/fixtures/every-type.gift";
const fixture = readFileSync(FIXTURE, "utf8");

/** Content check of the repository's content with `quiz` added as content/quizzes/<id>.yaml. */
function checkWith(id: string, yaml: string) {
  const files = loadContentFiles("content").filter((file) => !file.path.endsWith(`quizzes/${id}.yaml`));
  return checkContent([...files, { path: `content/quizzes/${id}.yaml`, text: yaml }]);
}

describe("importGift: every type in the Moodle GIFT documentation", () => {
  const result = importGift(fixture, { fileName: FIXTURE, quizId: "every-type", lang: "en" });

  it("converts what SynAck has (one-answer multiple choice, true/false, essay with key points), unescaping \\~ \\= \\# \\{ \\} \\: and reading [html] [plain] [markdown]", () => {
    const questions = result.quiz!.questions;
    expect(questions.map((question) => [question.id, question.type])).toEqual([
      ["handshake-third", "choice"],
      ["escapes", "choice"],
      ["tf-syn-ack", "true-false"],
      ["q4", "true-false"],
      ["why-three", "free-text"],
      ["html-choice", "choice"],
      ["plain-choice", "choice"],
    ]);
    expect(questions[0]).toMatchObject({ answer: 2, choices: [{ en: "SYN" }, { en: "SYN+ACK" }, { en: "ACK" }, { en: "FIN" }] });
    expect(questions[0]!.explanation?.en).toContain("ACK: Right: the third segment carries ACK only.");
    expect(questions[1]!.prompt.en).toBe("Which of these is the {state} after a passive open: LISTEN = waiting ~ not #1?");
    expect(questions[2]).toMatchObject({ answer: false, explanation: { en: expect.stringContaining("Only the first two segments carry SYN.") } });
    expect(questions[4]).toMatchObject({ keyPoints: { en: ["Both ISNs must be acknowledged", "Old duplicate SYNs must not open connections"] } });
    expect(questions[5]).toMatchObject({ prompt: { en: "In which state does the side that closes first wait 2×MSL?" }, choices: [{ en: "TIME_WAIT" }, { en: "CLOSE_WAIT" }, { en: "LAST_ACK" }], answer: 0 });
    for (const question of questions) expect(question.prompt.zh).toBe(question.prompt.en);
    expect(result.quiz!.title).toEqual({ zh: "TCP basics", en: "TCP basics" });
  });

  it("reports every question it leaves out, with its line, and never drops one silently", () => {
    expect(result.skipped.map((entry) => `${entry.line}: ${entry.message.split(" ").slice(0, 4).join(" ")}`)).toMatchInlineSnapshot(`
      [
        "17: a multiple-answer question (0",
        "29: a short answer naming",
        "31: a short-answer question has",
        "34: a matching question has",
        "41: a missing-word question (answers",
        "44: a numerical question has",
        "46: a numerical question has",
        "48: a numerical question has",
        "57: an essay with no",
        "60: a description (text with",
      ]
    `);
    const questionLines = fixture.split("\n").flatMap((line, index) => (/^(::|[A-Z][^:]*\{)/.test(line) ? [index + 1] : []));
    expect(result.quiz!.questions.length + result.skipped.length).toBe(questionLines.length);
    expect(result.notes.map((note) => note.line)).toEqual([24, 26]);
  });

  it("writes YAML that is a valid quiz file, says its zh text needs translating, and passes content:check but for the TCP errors it imported", () => {
    expect(result.yaml).toContain("# The GIFT text was in en; every zh text below is a copy of it that needs translating.");
    expect(quizFileSchema.parse(parseYaml(result.yaml))).toEqual(result.quiz);
    const checked = checkWith("every-type", result.yaml);
    // "Only the first two segments carry SYN" is a known error (true of a normal open only): flagged like any other.
    expect(checked.problems.map((problem) => problem.message.split(":")[0])).toEqual(["states a known error (card-syn-only-first-two-en)", "states a known error (card-syn-only-first-two-en)"]);
  });

  it("exits empty-handed on a file with nothing importable, still listing what it skipped", () => {
    const none = importGift("::n::How many?{#3}\n\nJust text.\n", { fileName: "n.gift", lang: "zh" });
    expect(none.quiz).toBeNull();
    expect(none.skipped.map((entry) => entry.line)).toEqual([1, 3]);
  });

  it("reports a GIFT syntax error at its line and goes on with the next question", () => {
    const broken = importGift("::a::Broken {=x ~y\n\n::b::Fine?{T}\n", { fileName: "b.gift", lang: "en" });
    expect(broken.skipped).toEqual([{ line: 1, message: expect.stringMatching(/^GIFT syntax error/) }]);
    expect(broken.quiz?.questions.map((question) => question.id)).toEqual(["b"]);
  });
});

describe("round trip: a SynAck quiz exported to GIFT and imported back", () => {
  for (const lang of ["both", "en"] as const) {
    it(`gives back every question of handshake-basics unchanged (--lang ${lang}), machine-checked by content:check`, () => {
      const quiz = quizById("handshake-basics");
      const gift = exportGift([quiz], context, { lang });
      const back = importGift(gift, { fileName: "handshake-basics.gift", quizId: "handshake-basics", lang: "en" });
      expect(back.skipped).toEqual([]);
      const { sourcePath: _path, ...file } = quiz;
      expect(back.quiz!.questions).toEqual((file as QuizFile).questions);
      expect(checkWith("handshake-basics", back.yaml).problems).toEqual([]);
    });
  }

  it("without the comments SynAck writes (as Moodle's own export would drop them), the supported questions still come back with their prompts and answers", () => {
    const quiz = quizById("handshake-basics");
    const gift = exportGift([quiz], context, { lang: "both" })
      .split("\n")
      .filter((line) => !line.startsWith("//"))
      .join("\n");
    const back = importGift(gift, { fileName: "h.gift", lang: "en" });
    const byId = new Map(back.quiz!.questions.map((question) => [question.id, question]));
    for (const question of quiz.questions) {
      const imported = byId.get(question.id);
      if (question.type === "choice") expect(imported).toMatchObject({ type: "choice", prompt: question.prompt, choices: question.choices, answer: question.answer });
      if (question.type === "true-false") expect(imported).toMatchObject({ type: "true-false", prompt: question.prompt, answer: question.answer });
      if (question.type === "free-text") expect(imported).toMatchObject({ type: "free-text", prompt: question.prompt, keyPoints: question.keyPoints });
    }
    // next-state and sends come back as plain choices naming the same right answer; states (a matching) has no equivalent.
    expect(byId.get("q1")).toMatchObject({ type: "choice", prompt: quiz.questions[0]!.prompt });
    expect(back.skipped.map((entry) => entry.message.split(";")[0])).toEqual([
      "a matching question has no SynAck equivalent in quiz files",
      "a matching question has no SynAck equivalent in quiz files",
    ]);
  });
});

import type { BilingualList, BilingualText, QuizQuestionInput } from "../content";
import type { MatchAnswer, Question, SegmentAnswer } from "../questions";
import { renderSequenceDiagram, runScenario } from "../sim";
import { parseState } from "../tcp";
import { stateSpellings } from "./state-spellings";

/**
 * One question as Moodle sees it, apart from how GIFT or Moodle XML spell
 * it. Each SynAck answer input maps to one Moodle type:
 * - choice (next-state, sends, which-side, what-if, trace-gap, choice) → multichoice, one right answer
 * - choice with the choices True/False (true-false) → truefalse
 * - state → shortanswer, every spelling of the state accepted
 * - flags → shortanswer, the flags in canonical order
 * - number (seq-arith) → numerical, exact
 * - match → matching
 * - order → matching, position → item ("1st", "2nd"… to the items): GIFT has
 *   no ordering type, and Moodle's ordering question is a plugin that not
 *   every site has, while matching is in every Moodle and in GIFT; it grades
 *   each position, as SynAck's partial credit does
 * - segment (flags, seq, ack) → in Moodle XML a cloze (multianswer) with a
 *   short answer for the flags and numerical fields for seq and ack; GIFT has
 *   no cloze, so there a short answer with the canonical text
 * - self-grade (why, free-text) → essay, the key points as general feedback
 */
export type ExportItem = {
  /** Unique within its quiz: the question id, or the generated question's id. */
  name: string;
  prompt: BilingualText;
  /** A sequence diagram to show with the prompt (trace-gap), as preformatted text. */
  diagram?: string;
  explanation: BilingualText;
  /** The quiz file's own question, when it is one: written beside the GIFT so that an import gets it back whole. */
  source?: QuizQuestionInput;
} & ExportBody;

export type ExportBody =
  | { type: "multichoice"; choices: { label: BilingualText; correct: boolean }[] }
  | { type: "truefalse"; answer: boolean }
  | { type: "shortanswer"; answers: string[] }
  | { type: "numerical"; answer: number }
  | { type: "matching"; pairs: { left: BilingualText; right: BilingualText }[] }
  | { type: "segment"; flags: string; seq: number; ack: number | null }
  | { type: "essay"; keyPoints: BilingualList };

const ORDINALS_EN = ["1st", "2nd", "3rd"];

function position(index: number): BilingualText {
  return { zh: `第 ${index + 1} 个`, en: ORDINALS_EN[index] ?? `${index + 1}th` };
}

/** The canonical text of a segment answer, as SynAck writes it. */
export function segmentText(answer: SegmentAnswer): string {
  return `${answer.flags} seq=${answer.seq}${answer.ack === null ? "" : ` ack=${answer.ack}`}`;
}

function body(question: Question): ExportBody {
  switch (question.input) {
    case "choice": {
      const choices = question.choices ?? [];
      const ids = choices.map((choice) => choice.id).sort().join(",");
      if (question.kind === "true-false" && ids === "false,true") return { type: "truefalse", answer: question.answer === "true" };
      return { type: "multichoice", choices: choices.map((choice) => ({ label: choice.label, correct: choice.id === String(question.answer) })) };
    }
    case "state": {
      const state = parseState(String(question.answer));
      return { type: "shortanswer", answers: state ? stateSpellings(state) : [String(question.answer)] };
    }
    case "flags":
      return { type: "shortanswer", answers: [String(question.answer)] };
    case "number":
      return { type: "numerical", answer: Number(question.answer) };
    case "segment": {
      const answer = question.answer as SegmentAnswer;
      return { type: "segment", flags: answer.flags, seq: answer.seq, ack: answer.ack };
    }
    case "match": {
      const pairs = (question.answer as MatchAnswer).pairs;
      const label = (list: Question["choices"], id: string) => list?.find((choice) => choice.id === id)?.label ?? { zh: id, en: id };
      return { type: "matching", pairs: Object.entries(pairs).map(([left, right]) => ({ left: label(question.choices, left), right: label(question.matchTargets ?? null, right) })) };
    }
    case "order": {
      const order = question.answer as string[];
      return {
        type: "matching",
        pairs: order.map((id, index) => ({ left: position(index), right: question.choices?.find((choice) => choice.id === id)?.label ?? { zh: id, en: id } })),
      };
    }
    case "self-grade":
      return { type: "essay", keyPoints: question.keyPoints ?? (question.answer as BilingualList) };
  }
}

/** The prompt with what the answer must look like, where Moodle's text box needs it. */
function promptOf(question: Question, item: ExportBody): BilingualText {
  if (item.type === "segment") {
    return {
      zh: `${question.prompt.zh}\n（填写格式：标志 seq=数字 ack=数字；ACK 位为 0 时省略 ack，例如 SYN seq=100。）`,
      en: `${question.prompt.en}\n(Answer as: FLAGS seq=N ack=N, leaving out ack when the ACK bit is off, e.g. SYN seq=100.)`,
    };
  }
  if (question.input === "order") return { zh: `${question.prompt.zh}\n（为每个位置选出对应的项。）`, en: `${question.prompt.en}\n(For each position, pick the item that goes there.)` };
  return question.prompt;
}

function diagramOf(question: Question): string | undefined {
  if (!question.trace?.blank) return undefined;
  const { scenario, isn, lose, delay, profile } = question.trace;
  const trace = runScenario(scenario, { isn, lose, ...(delay ? { delay } : {}), profile: profile ?? question.profile });
  // The first line names the scenario and its ISNs, which the prompt already gives; the last, bytes delivered, would give nothing away but is noise.
  return renderSequenceDiagram(trace, question.trace.blank).split("\n").slice(2).filter((line) => !line.startsWith("bytes delivered")).join("\n").trimEnd();
}

/** A served question as one export item; `source` is the quiz file's question it came from, if any. */
export function exportItem(question: Question, name: string, source?: QuizQuestionInput): ExportItem {
  const item = body(question);
  const diagram = diagramOf(question);
  return {
    name,
    prompt: promptOf(question, item),
    ...(diagram ? { diagram } : {}),
    explanation: question.explanation,
    ...(source ? { source } : {}),
    ...item,
  };
}

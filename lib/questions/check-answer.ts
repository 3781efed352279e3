import type { BilingualText } from "../content";
import { parseFlags, parseState, type TcpState } from "../tcp";
import type { QuestionContext } from "./context";
import type { MatchAnswer, Question, SegmentAnswer } from "./question";

/** What a learner submits, by the question's input. */
export type LearnerResponse =
  | { kind: "choice"; choice: string }
  | { kind: "state"; state: string }
  | { kind: "flags"; flags: string }
  | { kind: "segment"; flags: string; seq: string | number; ack: string | number | null }
  | { kind: "number"; value: string | number }
  | { kind: "order"; order: string[] }
  | { kind: "match"; pairs: Record<string, string> }
  | { kind: "self-grade"; covered: number[]; text?: string };

export interface AnswerResult {
  correct: boolean;
  /** 0 to 1: partial credit where it is natural (matching, self-graded key points). */
  score: number;
  /** What the learner's answer would mean, and what the machine says instead. */
  feedback: BilingualText;
  /** The right answer, written out. */
  expected: BilingualText;
}

const FLAG_MEANINGS: Record<string, BilingualText> = {
  SYN: { zh: "SYN 表示发起连接、同步自己的初始序列号", en: "SYN opens a connection and announces our ISN" },
  "SYN+ACK": { zh: "SYN+ACK 是对 SYN 的回应：同步自己的序列号并确认对方的", en: "SYN+ACK answers a SYN: our own ISN plus an acknowledgment of the peer's" },
  ACK: { zh: "纯 ACK 只是确认，不占序列号", en: "a bare ACK only acknowledges and takes no sequence number" },
  "FIN+ACK": { zh: "FIN+ACK 表示这一方的数据已发完（FIN 总带着 ACK）", en: "FIN+ACK says this side has finished sending (a FIN always carries ACK)" },
  FIN: { zh: "握手之后的报文段都带 ACK，所以不会单独发 FIN", en: "after the handshake every segment carries ACK, so a FIN never goes out alone" },
  RST: { zh: "RST 表示中止或拒绝连接", en: "RST aborts or refuses a connection" },
  "RST+ACK": {
    zh: "RST+ACK 是同时带确认的复位：用来回应不带 ACK 的报文段（如发往关闭端口的 SYN），Linux 的异常关闭也发送它",
    en: "RST+ACK is a reset that also acknowledges: the answer to a segment without ACK, such as a SYN to a closed port, and what Linux sends on an abortive close",
  },
  nothing: { zh: "什么都不发送意味着这个事件不需要回应", en: "sending nothing means the event needs no answer" },
};

/**
 * The one place answers are checked: state names through the alias table and
 * the Chinese names content gives, flag sets in any order, numbers exactly,
 * orders exactly, matches with partial credit.
 */
export function checkAnswer(question: Question, response: LearnerResponse, context: QuestionContext): AnswerResult {
  switch (question.input) {
    case "choice":
      return checkChoice(question, response, context);
    case "segment":
      return checkSegment(question, response);
    case "number":
      return checkNumber(question, response);
    case "order":
      return checkOrder(question, response);
    case "match":
      return checkMatch(question, response, context);
    case "self-grade":
      return checkSelfGrade(question, response);
    default:
      return checkChoice(question, response, context);
  }
}

/** A state name in any spelling, or its Chinese name from content/states.yaml. */
export function parseStateAnswer(input: string, context: QuestionContext): TcpState | null {
  const direct = parseState(input);
  if (direct) return direct;
  const text = input.trim();
  return context.states.find((info) => info.name.zh === text || info.name.en.toLowerCase() === text.toLowerCase())?.state ?? null;
}

function label(question: Question, id: string): BilingualText {
  return question.choices?.find((choice) => choice.id === id)?.label ?? { zh: id, en: id };
}

function result(correct: boolean, score: number, feedback: BilingualText, expected: BilingualText): AnswerResult {
  return { correct, score, feedback, expected };
}

const RIGHT: BilingualText = { zh: "正确。", en: "Right." };

function checkChoice(question: Question, response: LearnerResponse, context: QuestionContext): AnswerResult {
  const answer = String(question.answer);
  const expected = label(question, answer);
  let given: string | null = null;
  if (response.kind === "choice") given = response.choice;
  else if (response.kind === "state") given = parseStateAnswer(response.state, context);
  else if (response.kind === "flags") given = response.flags.trim().toLowerCase() === "nothing" ? "nothing" : parseFlags(response.flags);
  if (given === null) {
    return result(false, 0, { zh: "这个回答无法识别。", en: "That answer is not one of the choices." }, expected);
  }
  if (parseFlags(given) && parseFlags(answer)) given = parseFlags(given)!;
  if (given === answer) return result(true, 1, RIGHT, expected);
  return result(false, 0, meaningOfWrongChoice(question, given, context), expected);
}

function meaningOfWrongChoice(question: Question, given: string, context: QuestionContext): BilingualText {
  const answer = String(question.answer);
  const state = parseState(given);
  if (state) {
    const info = context.states.find((entry) => entry.state === state);
    const meaning = info ? { zh: `${state}：${info.meaning.zh}`, en: `${state} is where ${lowerFirst(info.meaning.en)}` } : { zh: state, en: state };
    return { zh: `${meaning.zh} 但这里机器给出的是 ${answer}。`, en: `${meaning.en} Here the machine gives ${answer}.` };
  }
  const flags = FLAG_MEANINGS[given];
  if (flags) return { zh: `${flags.zh}；这里应发送 ${answer === "nothing" ? "（什么都不发）" : answer}。`, en: `${capitalise(flags.en)}; here the answer is ${answer}.` };
  return { zh: `你选了「${label(question, given).zh}」，正确答案是「${label(question, answer).zh}」。`, en: `You chose "${label(question, given).en}"; the answer is "${label(question, answer).en}".` };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === "") return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function checkSegment(question: Question, response: LearnerResponse): AnswerResult {
  const answer = question.answer as SegmentAnswer;
  const expected = { zh: `${answer.flags} seq=${answer.seq}${answer.ack === null ? "" : ` ack=${answer.ack}`}`, en: "" };
  expected.en = expected.zh;
  if (response.kind !== "segment") return result(false, 0, { zh: "请填写标志、seq 和 ack。", en: "Enter the flags, seq and ack." }, expected);
  const flags = parseFlags(response.flags);
  const seq = toNumber(response.seq);
  const ack = toNumber(response.ack);
  const wrong: BilingualText[] = [];
  if (flags !== answer.flags) {
    const meaning = flags ? FLAG_MEANINGS[flags] : undefined;
    wrong.push({
      zh: `标志应为 ${answer.flags}，不是 ${response.flags || "（空）"}${meaning ? `（${meaning.zh}）` : ""}`,
      en: `the flags are ${answer.flags}, not ${response.flags || "(empty)"}${meaning ? ` (${meaning.en})` : ""}`,
    });
  }
  if (seq !== answer.seq) wrong.push(numberHint("seq", seq, answer.seq));
  if (ack !== answer.ack) {
    wrong.push(
      answer.ack === null
        ? { zh: "这个报文段的 ACK 位为 0，没有 ack", en: "this segment's ACK bit is off: it has no ack" }
        : numberHint("ack", ack, answer.ack),
    );
  }
  if (wrong.length === 0) return result(true, 1, RIGHT, expected);
  return result(false, 0, { zh: wrong.map((w) => w.zh).join("；") + "。", en: capitalise(wrong.map((w) => w.en).join("; ")) + "." }, expected);
}

function numberHint(field: string, given: number | null, expected: number): BilingualText {
  if (given === null || Number.isNaN(given)) return { zh: `${field} 应为 ${expected}`, en: `${field} is ${expected}` };
  const diff = expected - given;
  if (Math.abs(diff) === 1) {
    return {
      zh: `${field} 应为 ${expected}，你差了 1：SYN 和 FIN 各占一个序列号，纯 ACK 不占`,
      en: `${field} is ${expected}, one ${diff > 0 ? "more" : "less"} than ${given}: SYN and FIN each take one sequence number, a bare ACK none`,
    };
  }
  return { zh: `${field} 应为 ${expected}，不是 ${given}`, en: `${field} is ${expected}, not ${given}` };
}

function checkNumber(question: Question, response: LearnerResponse): AnswerResult {
  const answer = question.answer as number;
  const expected = { zh: String(answer), en: String(answer) };
  const given = response.kind === "number" ? toNumber(response.value) : null;
  if (given === answer) return result(true, 1, RIGHT, expected);
  const hint = numberHint(String((question.params as { target?: string }).target ?? "the number").includes("seq") ? "seq" : "ack", given, answer);
  return result(false, 0, { zh: `${hint.zh}。`, en: `${capitalise(hint.en)}.` }, expected);
}

function checkOrder(question: Question, response: LearnerResponse): AnswerResult {
  const answer = question.answer as string[];
  const expectedText = answer.map((id) => label(question, id));
  const expected = { zh: expectedText.map((text) => text.zh).join(" → "), en: expectedText.map((text) => text.en).join(" → ") };
  const given = response.kind === "order" ? response.order : [];
  // Compared by what the learner sees, so that two equal labels (a state visited twice) may swap.
  const text = (id: string | undefined) => (id === undefined ? undefined : label(question, id).en);
  const firstWrong = answer.findIndex((id, index) => text(given[index]) !== text(id));
  if (firstWrong === -1 && given.length === answer.length) return result(true, 1, RIGHT, expected);
  const position = firstWrong === -1 ? answer.length : firstWrong;
  const right = label(question, answer[position] ?? "");
  return result(
    false,
    0,
    { zh: `第 ${position + 1} 项应是「${right.zh}」。`, en: `Item ${position + 1} should be "${right.en}".` },
    expected,
  );
}

function checkMatch(question: Question, response: LearnerResponse, context: QuestionContext): AnswerResult {
  const answer = (question.answer as MatchAnswer).pairs;
  const entries = Object.entries(answer);
  const given = response.kind === "match" ? response.pairs : {};
  const right = entries.filter(([left, target]) => given[left] === target).length;
  const score = right / entries.length;
  const expected = {
    zh: entries.map(([state]) => `${state}：${context.states.find((info) => info.state === state)?.meaning.zh ?? ""}`).join("\n"),
    en: entries.map(([state]) => `${state}: ${context.states.find((info) => info.state === state)?.meaning.en ?? ""}`).join("\n"),
  };
  const wrong = entries.filter(([left, target]) => given[left] !== target).map(([left]) => left);
  if (wrong.length === 0) return result(true, 1, RIGHT, expected);
  return result(
    false,
    score,
    { zh: `配对正确 ${right}/${entries.length}；再看看 ${wrong.join("、")}。`, en: `${right} of ${entries.length} pairs right; look again at ${wrong.join(", ")}.` },
    expected,
  );
}

function checkSelfGrade(question: Question, response: LearnerResponse): AnswerResult {
  const points = question.keyPoints ?? { zh: [], en: [] };
  const total = points.en.length;
  const covered = response.kind === "self-grade" ? new Set(response.covered.filter((index) => index >= 0 && index < total)) : new Set<number>();
  const score = total === 0 ? 0 : covered.size / total;
  const expected = { zh: points.zh.map((point) => `• ${point}`).join("\n"), en: points.en.map((point) => `• ${point}`).join("\n") };
  const missed = points.en.map((_, index) => index).filter((index) => !covered.has(index));
  const correct = score >= 2 / 3;
  if (missed.length === 0) return result(true, 1, { zh: "要点全部覆盖。", en: "Every key point covered." }, expected);
  return result(
    correct,
    score,
    {
      zh: `覆盖了 ${covered.size}/${total} 个要点；漏掉的：${missed.map((index) => points.zh[index]).join("；")}`,
      en: `${covered.size} of ${total} key points covered; missed: ${missed.map((index) => points.en[index]).join("; ")}`,
    },
    expected,
  );
}

import { describe, expect, it } from "vitest";
import { checkAnswer, generateQuestion, parseStateAnswer, type Question } from "@/lib/questions";
import { testContext } from "./question-context";

const context = testContext();

function nextStateQuestion(state: string, event: string, answer: string): Question {
  return {
    id: "t",
    kind: "next-state",
    seed: 0,
    profile: "rfc9293",
    params: { state, event },
    prompt: { zh: "?", en: "?" },
    input: "choice",
    choices: [answer, "FIN_WAIT_2", "TIME_WAIT", "CLOSE_WAIT"].map((id) => ({ id, label: { zh: id, en: id } })),
    answer,
    explanation: { zh: "", en: "" },
    tests: [],
    topics: [],
  };
}

describe("state answers", () => {
  const question = nextStateQuestion("FIN_WAIT_1", "rcv FIN", "CLOSING");
  // Names and meanings come from content/states.yaml, which its authors revise.
  const info = (state: string) => context.states.find((entry) => entry.state === state)!;

  it("accepts any alias and the Chinese name from content/states.yaml", () => {
    for (const state of ["CLOSING", "closing", "Closing", info("CLOSING").name.zh]) {
      expect(checkAnswer(question, { kind: "state", state }, context).correct, state).toBe(true);
    }
    expect(parseStateAnswer("SYN-RECV", context)).toBe("SYN_RECEIVED");
    expect(parseStateAnswer(info("TIME_WAIT").name.zh, context)).toBe("TIME_WAIT");
    expect(parseStateAnswer("half open", context)).toBeNull();
  });

  it("says what the wrong state would mean", () => {
    const result = checkAnswer(question, { kind: "choice", choice: "FIN_WAIT_2" }, context);
    expect(result.correct).toBe(false);
    const meaning = info("FIN_WAIT_2").meaning;
    expect(result.feedback.en).toBe(`FIN_WAIT_2 is where ${meaning.en.charAt(0).toLowerCase()}${meaning.en.slice(1)} Here the machine gives CLOSING.`);
    expect(result.feedback.zh).toContain(`FIN_WAIT_2：${meaning.zh}`);
  });
});

describe("segment answers", () => {
  // A segment whose seq is above 0, so that one less is still a sequence number (a RST+ACK to a closed port has seq 0).
  const question = Array.from({ length: 50 }, (_, i) => generateQuestion("segment", 5 + i, context)).find((q) => (q.answer as { seq: number }).seq > 0)!;
  const answer = question.answer as { flags: string; seq: number; ack: number | null };

  it("flags in any order and numbers as text are accepted", () => {
    const flags = answer.flags.split("+").reverse().join(", ");
    expect(checkAnswer(question, { kind: "segment", flags, seq: ` ${answer.seq} `, ack: answer.ack ?? "" }, context).correct).toBe(true);
  });

  it("an off-by-one sequence number is named as such", () => {
    const result = checkAnswer(question, { kind: "segment", flags: answer.flags, seq: answer.seq - 1, ack: answer.ack }, context);
    expect(result.correct).toBe(false);
    expect(result.feedback.en).toContain(`Seq is ${answer.seq}, one more than ${answer.seq - 1}: SYN and FIN each take one sequence number`);
  });
});

describe("partial credit", () => {
  it("match scores the pairs that are right", () => {
    const question = generateQuestion("match", 9, context);
    const pairs = { ...(question.answer as { pairs: Record<string, string> }).pairs };
    const [first, second] = Object.keys(pairs);
    [pairs[first!], pairs[second!]] = [pairs[second!]!, pairs[first!]!];
    const result = checkAnswer(question, { kind: "match", pairs }, context);
    expect(result).toMatchObject({ correct: false, score: 0.5 });
    expect(result.feedback.en).toBe(`2 of 4 pairs right; look again at ${first}, ${second}.`);
  });

  it("self-graded key points score the share covered", () => {
    const question = generateQuestion("why", 1, context);
    const total = question.keyPoints!.en.length;
    expect(checkAnswer(question, { kind: "self-grade", covered: [0] }, context).score).toBeCloseTo(1 / total);
    expect(checkAnswer(question, { kind: "self-grade", covered: [...Array(total).keys()] }, context)).toMatchObject({ correct: true, score: 1 });
    expect(checkAnswer(question, { kind: "self-grade", covered: [99, -1] }, context).score).toBe(0);
  });

  it("order reports the first item out of place", () => {
    const question = generateQuestion("order", 4, context);
    const order = [...(question.answer as string[])].reverse();
    const result = checkAnswer(question, { kind: "order", order }, context);
    expect(result.correct).toBe(false);
    expect(result.feedback.en).toMatch(/^Item 1 should be /);
  });
});

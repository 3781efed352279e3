import { describe, expect, it } from "vitest";
import { generateQuestion, QUESTION_KINDS, type Question, type QuestionKind } from "@/lib/questions";
import { PROFILE_PREFIX } from "@/lib/questions/phrases";
import { isReachable, premiseKey, reachablePremises, type Premise } from "@/lib/questions/reachable-premises";
import { USER_CALL_PREMISES } from "@/lib/questions/user-calls";
import { machineSteps, runScenario, SCENARIO_NAMES } from "@/lib/sim";
import { isUserCall, PROFILE_NAMES, PROFILES, transition, type ProfileName, type TcpEvent, type TcpState, type TransitionContext } from "@/lib/tcp";
import { testContext } from "./question-context";
import { recheck, seenAnswer } from "./recheck";

/*
 * Issue 8, section 4: every generated question has one answer. Every kind,
 * in both profiles, over many seeds: no premise a connection cannot reach,
 * no answer that another profile would give differently unless the prompt
 * names its profile, no Chinese explanation much thinner than the English.
 */

const context = testContext();
const SEEDS = 300;
const other = (profile: ProfileName): ProfileName => PROFILE_NAMES.find((name) => name !== profile)!;

const questions: Record<ProfileName, Record<QuestionKind, Question[]>> = Object.fromEntries(
  PROFILE_NAMES.map((profile) => [
    profile,
    Object.fromEntries(QUESTION_KINDS.map((kind) => [kind, Array.from({ length: SEEDS }, (_, i) => generateQuestion(kind, i * 104_729 + 17, context, profile))])),
  ]),
) as Record<ProfileName, Record<QuestionKind, Question[]>>;

/** The premise a question starts from, for the kinds that start from a state and an event. */
function premiseOf(question: Question): Premise | null {
  const params = question.params as { state?: TcpState; event?: TcpEvent; context?: TransitionContext; claim?: { in?: TcpState; on?: TcpEvent } };
  if (question.kind === "next-state" || question.kind === "sends") return { state: params.state!, event: params.event!, context: params.context ?? {} };
  if (question.kind === "true-false" && params.claim?.in) return { state: params.claim.in, event: params.claim.on!, context: params.context ?? {} };
  return null;
}

/**
 * Length as a reader meets it. A Chinese character carries about as much as
 * two letters of the English it translates (a word of four or five letters
 * is usually one or two characters), so each CJK character, full-width
 * punctuation included, counts 2 and everything else 1.
 */
function weightedLength(text: string): number {
  let length = 0;
  for (const char of text) length += /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;
  return length;
}

describe.each(PROFILE_NAMES)("questions in the %s profile", (profile) => {
  describe.each(QUESTION_KINDS)("%s", (kind) => {
    const list = questions[profile][kind];

    it(`${SEEDS} questions: each starts from a premise a connection can reach`, () => {
      for (const question of list) {
        const premise = premiseOf(question);
        if (premise) expect(isReachable(premise, profile), `${question.id}: ${premiseKey(premise)}`).toBe(true);
      }
    });

    it("records its profile, and the answer is the profile's", () => {
      for (const question of list) {
        expect(question.profile, question.id).toBe(profile);
        expect(seenAnswer(question), question.id).toEqual(recheck(question, profile, context));
      }
    });

    it(`names its profile in both languages wherever ${other(profile)} would answer otherwise`, () => {
      const prefix = PROFILE_PREFIX[profile];
      for (const question of list) {
        if (JSON.stringify(recheck(question, other(profile), context)) === JSON.stringify(seenAnswer(question))) continue;
        expect(question.prompt.en.startsWith(prefix.en), `${question.id}: ${question.prompt.en}`).toBe(true);
        expect(question.prompt.zh.startsWith(prefix.zh), `${question.id}: ${question.prompt.zh}`).toBe(true);
      }
    });

    it("explains in Chinese at least half as fully as in English, paragraph by paragraph", () => {
      for (const question of list) {
        const { zh, en } = question.explanation;
        expect(weightedLength(zh), `${question.id}\n${zh}\n---\n${en}`).toBeGreaterThanOrEqual(weightedLength(en) / 2);
        // Regression: a false true/false statement was explained in Chinese by "这个说法错误。" alone.
        const [zhParts, enParts] = [zh.split("\n\n"), en.split("\n\n")];
        expect(zhParts.length, question.id).toBe(enParts.length);
        zhParts.forEach((part, index) => expect(weightedLength(part), `${question.id}: ${part}`).toBeGreaterThanOrEqual(weightedLength(enParts[index]!) / 2));
      }
    });

    it("writes the trace lines and the choices of a Chinese question in Chinese", () => {
      for (const question of list) {
        const lines = question.explanation.zh.split("\n").filter((line) => line.startsWith("t="));
        for (const line of lines) expect(line, question.id).not.toMatch(/\b(client|server|network|rcv|lost|timeout|close|open|abort)\b/);
        for (const choice of question.choices ?? []) expect(choice.label.zh, question.id).not.toMatch(/\b(client|server)\b/);
      }
    });

    it('never prints "[object Object]", "undefined" or NaN', () => {
      for (const question of list) {
        const texts = [question.prompt, question.explanation, ...(question.choices ?? []).map((choice) => choice.label), ...(question.matchTargets ?? []).map((target) => target.label)];
        for (const text of texts) expect(`${text.zh} ${text.en}`, question.id).not.toMatch(/\[object Object\]|undefined|NaN/);
      }
    });
  });
});

describe("reachable premises", () => {
  it("are the same on every computation and name each case of a row with variants", () => {
    for (const profile of PROFILE_NAMES) {
      const premises = reachablePremises(profile);
      expect(new Set(premises.map(premiseKey)).size).toBe(premises.length);
      for (const premise of premises) {
        const variants = PROFILES[profile].machine.rows.find((row) => row.from === premise.state && row.event === premise.event)!;
        const hasCases = Boolean(variants.whenActiveOpen || variants.whenNewerSyn);
        expect(Object.keys(premise.context).length > 0, premiseKey(premise)).toBe(hasCases);
      }
    }
  });

  it("leave out what no connection meets: CLOSE_WAIT never gets an ACK of a FIN it never sent", () => {
    const keys = reachablePremises("rfc9293").map(premiseKey);
    expect(keys).not.toContain("CLOSE_WAIT|rcv FIN+ACK");
    expect(keys).not.toContain("ESTABLISHED|rcv FIN+ACK");
    expect(keys).not.toContain("LISTEN|timeout");
    expect(keys).not.toContain("TIME_WAIT|abort");
    expect(keys).toContain("FIN_WAIT_1|rcv FIN");
    expect(keys).toContain("SYN_RECEIVED|rcv RST|activeOpen=false");
  });

  it("keep the RFC-only calls (connect() or send() on a listener) out of the linux profile", () => {
    expect(reachablePremises("rfc9293").map(premiseKey)).toContain("LISTEN|active open");
    expect(reachablePremises("linux").map(premiseKey)).not.toContain("LISTEN|active open");
    expect(reachablePremises("linux").map(premiseKey)).not.toContain("LISTEN|send");
  });

  it("list every user call a scenario makes, and no call the table refuses", () => {
    for (const name of SCENARIO_NAMES) {
      const trace = runScenario(name);
      if (trace.machine !== "rfc9293") continue;
      for (const step of machineSteps(trace).filter((entry) => isUserCall(entry.event))) {
        expect(USER_CALL_PREMISES.some((entry) => entry.state === step.from && entry.call === step.event), `${name}: ${step.from} ${step.event}`).toBe(true);
      }
    }
    for (const entry of USER_CALL_PREMISES) expect(transition(entry.state, entry.call).kind, `${entry.state} ${entry.call}`).not.toBe("error");
  });
});

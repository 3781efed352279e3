import type { Quiz, QuizQuestionInput } from "../content";
import { DEFAULT_PROFILE, parseState, transition, type TcpEvent, type TcpState } from "../tcp";
import { runScenario } from "../sim";
import { flagDistractors, stateDistractors } from "./distractors";
import { explainOutcome, explainTrace } from "./explain";
import { flagsLabel } from "./phrases";
import { transitionKey, type Question } from "./question";
import { Random, seedFrom } from "./random";

const NO_EXPLANATION = { zh: "", en: "" };

/**
 * An instructor's quiz question in the shape the app serves and checks.
 * Machine-checked types get their answers from the machine again here (the
 * content check has already proved the file agrees), and distractors that
 * stay the same for every learner.
 */
export function questionFromQuiz(quiz: Pick<Quiz, "id" | "topics">, item: QuizQuestionInput): Question {
  // Seeded by the question itself, not by the id the quiz is served under ("draft:…" in the builder's preview,
  // "version:…" for students), so that a preview shows the choices in the order a student gets them.
  const random = new Random(seedFrom(`${item.id}/${item.prompt.en}`));
  const base = {
    id: `quiz:${quiz.id}:${item.id}`,
    seed: 0,
    // Instructors' quizzes are checked against RFC 9293 (the content check's machine).
    profile: DEFAULT_PROFILE,
    prompt: item.prompt,
    topics: quiz.topics ?? [],
  };
  switch (item.type) {
    case "next-state": {
      const outcome = transition(parseState(item.state) as TcpState, item.event as TcpEvent);
      const options = random.shuffle([outcome.to, ...stateDistractors(outcome.to, outcome.from, random)]);
      return {
        ...base,
        kind: "next-state",
        params: { state: outcome.from, event: outcome.event },
        input: "choice",
        choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
        answer: outcome.to,
        explanation: item.explanation ?? explainOutcome(outcome),
        tests: [transitionKey(outcome.from, outcome.event)],
      };
    }
    case "sends": {
      const outcome = transition(parseState(item.state) as TcpState, item.event as TcpEvent);
      const options = random.shuffle([outcome.sends, ...flagDistractors(outcome.sends, random)]);
      return {
        ...base,
        kind: "sends",
        params: { state: outcome.from, event: outcome.event },
        input: "choice",
        choices: options.map((flags) => ({ id: flags ?? "nothing", label: flagsLabel(flags) })),
        answer: outcome.sends ?? "nothing",
        explanation: item.explanation ?? explainOutcome(outcome),
        tests: [transitionKey(outcome.from, outcome.event)],
      };
    }
    case "states": {
      const states = item.answer.map((name) => parseState(name) as TcpState);
      const items = states.map((state, index) => ({ id: `${index}`, label: { zh: state, en: state } }));
      const trace = runScenario(item.scenario, { lose: item.lose ?? [] });
      return {
        ...base,
        kind: "order",
        params: { scenario: item.scenario, side: item.side, what: "states" },
        input: "order",
        choices: random.shuffle(items),
        answer: items.map((entry) => entry.id),
        explanation: item.explanation ?? explainTrace(trace),
        tests: [`scenario:${item.scenario}`],
        trace: { scenario: item.scenario, lose: item.lose ?? [], isn: trace.isn, profile: DEFAULT_PROFILE },
      };
    }
    case "choice":
      return {
        ...base,
        kind: "choice",
        params: {},
        input: "choice",
        choices: item.choices.map((label, index) => ({ id: String(index), label })),
        answer: String(item.answer),
        explanation: item.explanation ?? NO_EXPLANATION,
        tests: [],
      };
    case "true-false":
      return {
        ...base,
        kind: "true-false",
        params: item.claim ? { claim: item.claim } : {},
        input: "choice",
        choices: [
          { id: "true", label: { zh: "正确", en: "True" } },
          { id: "false", label: { zh: "错误", en: "False" } },
        ],
        answer: item.answer ? "true" : "false",
        explanation: item.explanation ?? NO_EXPLANATION,
        tests: [],
      };
    case "free-text":
      return {
        ...base,
        kind: "why",
        params: {},
        input: "self-grade",
        choices: null,
        answer: item.keyPoints,
        keyPoints: item.keyPoints,
        explanation: item.explanation ?? { zh: item.keyPoints.zh.join("；"), en: item.keyPoints.en.join("; ") },
        tests: [],
      };
  }
}

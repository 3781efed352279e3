import { machineSteps, peerOf } from "../../sim";
import { explainTrace } from "../explain";
import { stateDistractors } from "../distractors";
import { scenarioName, SIDE_NAMES } from "../phrases";
import type { SegmentAnswer, TraceBlank } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { randomIsn, run, scenarioTopics, SEQUENTIAL_SCENARIOS } from "./scenario-pools";

const SCENARIOS = [...SEQUENTIAL_SCENARIOS, "simultaneous-open", "simultaneous-close", "old-duplicate-syn"] as const;

/** `trace-gap`: a sequence diagram with one state or one segment blanked out. */
export function generateTraceGap(random: Random): QuestionDraft {
  const scenario = run(random.pick(SCENARIOS), randomIsn(random));
  const name = scenarioName(scenario.scenario);
  const changes = machineSteps(scenario.trace).filter((step) => step.from !== step.to);
  if (random.chance(0.5) && changes.length > 0) {
    const step = random.pick(changes);
    const blank: TraceBlank = { kind: "state", step: step.index, side: step.side };
    const options = random.shuffle([step.to, ...stateDistractors(step.to, step.from, random)]);
    return {
      params: { scenario: scenario.scenario, isn: scenario.isn, lose: [], blank },
      prompt: {
        zh: `下面是${name.zh}的时序图，客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}。在 t=${scenario.trace.steps[step.index]!.t}ms 的这一步之后，${SIDE_NAMES[step.side].zh}处于哪个状态（图中的空白处）？`,
        en: `Below is the sequence diagram of ${name.en}; the client's ISN is ${scenario.isn.client}, the server's ${scenario.isn.server}. Which state is ${SIDE_NAMES[step.side].en} in after the step at t=${scenario.trace.steps[step.index]!.t} ms (the blank)?`,
      },
      input: "choice",
      choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
      answer: step.to,
      explanation: explainTrace(scenario.trace, step.index + 1),
      tests: testsUpTo(scenario, step.index),
      trace: { scenario: scenario.scenario, lose: [], isn: scenario.isn, blank },
      topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
    };
  }
  const segment = random.pick(scenario.segments);
  const blank: TraceBlank = { kind: "segment", n: segment.n };
  const answer: SegmentAnswer = { flags: segment.flags, seq: segment.seq, ack: segment.ack };
  const stepIndex = scenario.trace.steps.findIndex((step) => step.segment?.n === segment.n);
  return {
    params: { scenario: scenario.scenario, isn: scenario.isn, lose: [], blank },
    prompt: {
      zh: `下面是${name.zh}的时序图，客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}。第 ${segment.n} 个报文段（${SIDE_NAMES[segment.from].zh} → ${SIDE_NAMES[peerOf(segment.from)].zh}）被涂掉了：它的标志、seq 和 ack 是多少？`,
      en: `Below is the sequence diagram of ${name.en}; the client's ISN is ${scenario.isn.client}, the server's ${scenario.isn.server}. Segment ${segment.n} (${segment.from} → ${peerOf(segment.from)}) is blanked out: what are its flags, seq and ack?`,
    },
    input: "segment",
    choices: null,
    answer,
    explanation: explainTrace(scenario.trace, stepIndex + 1),
    tests: testsUpTo(scenario, stepIndex),
    trace: { scenario: scenario.scenario, lose: [], isn: scenario.isn, blank },
    topics: [...new Set(["seq-ack", ...scenarioTopics(scenario.scenario)])],
  };
}

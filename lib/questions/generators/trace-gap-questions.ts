import { machineSteps, type MachineStep } from "../../sim";
import type { ProfileName } from "../../tcp";
import { explainStep, explainTrace, joinParagraphs, receiverOf } from "../explain";
import { stateDistractors } from "../distractors";
import { scenarioName, SIDE_NAMES, traceEventName } from "../phrases";
import { promptFor } from "../profile-dependence";
import type { SegmentAnswer, TraceBlank } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { segmentIn, testsUpTo } from "./segment-questions";
import { INTERVIEW_TRACE_SCENARIOS, randomIsn, reconnects, rerun, run, scenarioTopics, SEQUENTIAL_SCENARIOS, traceOf, type ScenarioRun } from "./scenario-pools";

const SCENARIOS = [...new Set([...SEQUENTIAL_SCENARIOS, "simultaneous-open", "simultaneous-close", "old-duplicate-syn", ...INTERVIEW_TRACE_SCENARIOS])];

/**
 * The step a state blank follows, named by what happened in it, since two
 * steps may share a time: "its step at t=50 ms (rcv FIN, segment #1)".
 */
function stepName(scenario: ScenarioRun, step: MachineStep): { zh: string; en: string } {
  const traced = scenario.trace.steps[step.index]!;
  const event = traceEventName(step.event, step.from);
  const received = traced.received === undefined ? { zh: "", en: "" } : { zh: `，第 ${traced.received} 个报文段`, en: `, segment #${traced.received}` };
  return { zh: `t=${traced.t}ms 的那一步（${event.zh}${received.zh}）`, en: `its step at t=${traced.t} ms (${event.en}${received.en})` };
}

/** `trace-gap`: a sequence diagram with one state or one segment blanked out. */
export function generateTraceGap(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const scenario = run(random.pick(SCENARIOS), randomIsn(random), profile);
  const name = scenarioName(scenario.scenario);
  const changes = machineSteps(scenario.trace).filter((step) => step.from !== step.to);
  const later = reconnects(scenario)
    ? { zh: "（之后的新连接从 ISN 时钟取新的 ISN）", en: " (a later connection takes a fresh ISN from the ISN clock)" }
    : { zh: "", en: "" };
  const heading = {
    zh: `下面是${name.zh}的时序图，客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}${later.zh}。`,
    en: `Below is the sequence diagram of ${name.en}; the client's ISN is ${scenario.isn.client}, the server's ${scenario.isn.server}${later.en}.`,
  };
  if (random.chance(0.5) && changes.length > 0) {
    const step = random.pick(changes);
    const blank: TraceBlank = { kind: "state", step: step.index, side: step.side };
    const options = random.shuffle([step.to, ...stateDistractors(step.to, step.from, random)]);
    const when = stepName(scenario, step);
    return {
      params: { scenario: scenario.scenario, isn: scenario.isn, lose: [], blank },
      prompt: promptFor(
        {
          zh: `${heading.zh}${SIDE_NAMES[step.side].zh}在${when.zh}之后处于哪个状态（图中的空白处）？`,
          en: `${heading.en} Which state is ${SIDE_NAMES[step.side].en} in after ${when.en}? It is the blank in the diagram.`,
        },
        profile,
        (other) => rerun(scenario, other).trace.steps[step.index]?.[step.side],
      ),
      input: "choice",
      choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
      answer: step.to,
      explanation: joinParagraphs(explainTrace(scenario.trace, step.index + 1), explainStep(scenario.trace, step.index, profile)),
      tests: testsUpTo(scenario, step.index),
      trace: traceOf(scenario, blank),
      topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
    };
  }
  const segment = random.pick(scenario.segments);
  const blank: TraceBlank = { kind: "segment", n: segment.n };
  const answer: SegmentAnswer = { flags: segment.flags, seq: segment.seq, ack: segment.ack };
  const stepIndex = scenario.trace.steps.findIndex((step) => step.segment?.n === segment.n);
  return {
    params: { scenario: scenario.scenario, isn: scenario.isn, lose: [], blank },
    prompt: promptFor(
      {
        zh: `${heading.zh}第 ${segment.n} 个报文段（${SIDE_NAMES[segment.from].zh} → ${SIDE_NAMES[receiverOf(segment)].zh}）被涂掉了：它的标志、seq 和 ack 是多少？`,
        en: `${heading.en} Segment ${segment.n} (${segment.from} → ${receiverOf(segment)}) is blanked out: what are its flags, seq and ack?`,
      },
      profile,
      (other) => segmentIn(scenario, segment.n, other),
    ),
    input: "segment",
    choices: null,
    answer,
    explanation: joinParagraphs(explainTrace(scenario.trace, stepIndex + 1), explainStep(scenario.trace, stepIndex, profile)),
    tests: testsUpTo(scenario, stepIndex),
    trace: traceOf(scenario, blank),
    topics: [...new Set(["seq-ack", ...scenarioTopics(scenario.scenario)])],
  };
}

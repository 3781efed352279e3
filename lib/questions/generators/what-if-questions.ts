import { machineSteps, peerOf, runScenario, type Side } from "../../sim";
import type { TcpEvent, TcpState } from "../../tcp";
import { explainTrace, joinParagraphs } from "../explain";
import { stateDistractors } from "../distractors";
import { ordinal, scenarioName, SIDE_NAMES } from "../phrases";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { run, scenarioTopics, type ScenarioRun } from "./scenario-pools";

/**
 * Losses whose repair is unambiguous: exactly one side has something
 * outstanding, so exactly one timer can fire first.
 */
const LOSSES: readonly { scenario: string; lose: number }[] = [
  { scenario: "open", lose: 1 },
  { scenario: "open", lose: 3 },
  { scenario: "close-client-first", lose: 1 },
  { scenario: "close-client-first", lose: 3 },
  { scenario: "close-client-first", lose: 4 },
  { scenario: "close-server-first", lose: 1 },
  { scenario: "close-server-first", lose: 3 },
  { scenario: "close-server-first", lose: 4 },
  { scenario: "simultaneous-close", lose: 3 },
  { scenario: "simultaneous-close", lose: 4 },
];

/** Reorderings: a segment delayed until after a later one. */
const DELAYS: readonly { scenario: string; delay: number; by: number }[] = [
  { scenario: "close-client-first", delay: 2, by: 200 },
  { scenario: "close-server-first", delay: 2, by: 200 },
];

interface Recovery {
  side: Side;
  event: TcpEvent | "nothing";
  sends: string | null;
}

const recoveryId = (recovery: Recovery) => `${recovery.side}|${recovery.event}|${recovery.sends ?? "nothing"}`;

function recoveryLabel(recovery: Recovery): Choice {
  if (recovery.event === "nothing") {
    return { id: "nothing", label: { zh: "什么也不会发生：双方一直等待", en: "Nothing: both sides wait for ever" } };
  }
  const who = SIDE_NAMES[recovery.side];
  const what =
    recovery.event === "timeout"
      ? { zh: `${who.zh}的重传定时器超时，重发 ${recovery.sends}`, en: `${capitalise(who.en)}'s retransmission timer expires and it sends ${recovery.sends} again` }
      : { zh: `${who.zh}${recovery.event}，回复 ${recovery.sends ?? "（不回复）"}`, en: `${capitalise(who.en)} gets ${recovery.event.replace("rcv ", "")} and answers ${recovery.sends ?? "nothing"}` };
  return { id: recoveryId(recovery), label: what };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `what-if`: a segment is lost or delayed: what happens next? */
export function generateWhatIf(random: Random): QuestionDraft {
  return random.chance(0.75) ? lossQuestion(random) : delayQuestion(random);
}

function lossQuestion(random: Random): QuestionDraft {
  const { scenario: name, lose } = random.pick(LOSSES);
  const scenario = run(name, { client: 100, server: 300 }, [lose]);
  const lostSegment = scenario.segments[lose - 1]!;
  const lostAt = scenario.trace.steps.findIndex((step) => step.lost === lose);
  const nextIndex = scenario.trace.steps.findIndex((step, index) => index > lostAt && step.segment !== null && step.at !== "network");
  const next = scenario.trace.steps[nextIndex]!;
  const correct: Recovery = { side: next.at as Side, event: next.event as TcpEvent, sends: next.segment!.flags };
  const candidates: Recovery[] = [
    { side: lostSegment.from, event: "timeout", sends: lostSegment.flags },
    { side: peerOf(lostSegment.from), event: "timeout", sends: lostSegment.flags === "ACK" ? "FIN+ACK" : "ACK" },
    { side: peerOf(correct.side), event: "timeout", sends: correct.sends },
    { side: "client", event: "nothing", sends: null },
  ];
  const distractors = uniqueBy(candidates.filter((candidate) => recoveryId(candidate) !== recoveryId(correct)), recoveryId);
  const choices = random.shuffle([correct, ...random.sample(distractors, 3)]).map(recoveryLabel);
  const scenarioLabel = scenarioName(name);
  const n = ordinal(lose);
  const final = finalStates(scenario);
  return {
    params: { scenario: name, lose: [lose], change: "lose" },
    prompt: {
      zh: `在${scenarioLabel.zh}中，${n.zh}报文段（${SIDE_NAMES[lostSegment.from].zh}发出的 ${lostSegment.flags}）丢失了。接下来会发生什么？`,
      en: `In ${scenarioLabel.en}, the ${n.en} segment (${lostSegment.flags} from ${SIDE_NAMES[lostSegment.from].en}) is lost. What happens next?`,
    },
    input: "choice",
    choices,
    answer: recoveryId(correct),
    explanation: joinParagraphs(
      {
        zh: `只有还有未被确认的 SYN、FIN 或数据的一方才有重传定时器在运行；纯 ACK 从不重传，它的丢失要靠对方重传来弥补。最终：客户端 ${final.client}，服务器 ${final.server}。`,
        en: `Only a side with an unacknowledged SYN, FIN or data has a retransmission timer running; a bare ACK is never retransmitted, so its loss is repaired by the peer's retransmission. In the end: client ${final.client}, server ${final.server}.`,
      },
      explainTrace(scenario.trace, nextIndex + 1),
    ),
    tests: testsUpTo(scenario, nextIndex),
    trace: { scenario: name, lose: [lose], isn: scenario.isn },
    topics: [...new Set(["what-if", ...scenarioTopics(name)])],
  };
}

function delayQuestion(random: Random): QuestionDraft {
  const { scenario: name, delay, by } = random.pick(DELAYS);
  const base = run(name, { client: 100, server: 300 });
  const delayed = base.segments[delay - 1]!;
  const receiver = peerOf(delayed.from);
  const trace = runDelayed(name, delay, by);
  // The receiver's first state change after the delayed segment was due.
  const change = machineSteps(trace.trace).find((step) => step.side === receiver && step.from !== step.to && step.index > trace.trace.steps.findIndex((s) => s.segment?.n === delay));
  const answer: TcpState = change!.to;
  const options = random.shuffle([answer, ...stateDistractors(answer, change!.from, random)]);
  const scenarioLabel = scenarioName(name);
  const n = ordinal(delay);
  return {
    params: { scenario: name, delay: { [delay]: by }, change: "delay" },
    prompt: {
      zh: `在${scenarioLabel.zh}中，${n.zh}报文段（${SIDE_NAMES[delayed.from].zh}发出的 ${delayed.flags}）在网络中被延迟，比之后的报文段晚到。${SIDE_NAMES[receiver].zh}处于 ${change!.from} 时收到的第一个报文段会让它进入哪个状态？`,
      en: `In ${scenarioLabel.en}, the ${n.en} segment (${delayed.flags} from ${SIDE_NAMES[delayed.from].en}) is delayed and arrives after a later one. Which state does ${SIDE_NAMES[receiver].en}, in ${change!.from}, enter on the first segment that reaches it?`,
    },
    input: "choice",
    choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
    answer,
    explanation: explainTrace(trace.trace, change!.index + 1),
    tests: testsUpTo(trace, change!.index),
    trace: { scenario: name, lose: [], isn: base.isn },
    topics: [...new Set(["what-if", ...scenarioTopics(name)])],
  };
}

function runDelayed(name: string, delay: number, by: number): ScenarioRun {
  const base = run(name, { client: 100, server: 300 });
  const trace = { ...base, trace: runScenarioWithDelay(name, delay, by) };
  return trace;
}

function runScenarioWithDelay(name: string, delay: number, by: number) {
  return runScenario(name, { isn: { client: 100, server: 300 }, delay: { [delay]: by } });
}

function finalStates(scenario: ScenarioRun): Record<Side, TcpState> {
  const last = scenario.trace.steps[scenario.trace.steps.length - 1];
  return { client: last?.client ?? scenario.trace.initial.client, server: last?.server ?? scenario.trace.initial.server };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

import { peerOf, type Side } from "../../sim";
import type { ProfileName, TcpEvent, TcpState } from "../../tcp";
import { explainStep, explainTrace, joinParagraphs } from "../explain";
import { stateDistractors } from "../distractors";
import { ordinal, scenarioName, SIDE_NAMES, traceEventName } from "../phrases";
import { promptFor } from "../profile-dependence";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { rerun, run, scenarioTopics, traceOf, type ScenarioRun } from "./scenario-pools";

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
      : {
          zh: `${who.zh}${traceEventName(recovery.event).zh}，回复 ${recovery.sends ?? "（不回复）"}`,
          en: `${capitalise(who.en)} receives ${recovery.event.replace("rcv ", "")} and answers ${recovery.sends ?? "nothing"}`,
        };
  return { id: recoveryId(recovery), label: what };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `what-if`: a segment is lost or delayed: what happens next? */
export function generateWhatIf(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  return random.chance(0.75) ? lossQuestion(random, profile) : delayQuestion(random, profile);
}

/** The first segment sent after the lost one by a side (not the network), and the step that sends it. */
function recoveryOf(scenario: ScenarioRun, lose: number): { index: number; recovery: Recovery } {
  const lostAt = scenario.trace.steps.findIndex((step) => step.lost === lose);
  const index = scenario.trace.steps.findIndex((step, at) => at > lostAt && step.segment !== null && step.at !== "network");
  const next = scenario.trace.steps[index]!;
  return { index, recovery: { side: next.at as Side, event: next.event as TcpEvent, sends: next.segment!.flags } };
}

function lossQuestion(random: Random, profile: ProfileName): QuestionDraft {
  const { scenario: name, lose } = random.pick(LOSSES);
  const scenario = run(name, { client: 100, server: 300 }, profile, { lose: [lose] });
  const lostSegment = scenario.segments[lose - 1]!;
  const { index: nextIndex, recovery: correct } = recoveryOf(scenario, lose);
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
    prompt: promptFor(
      {
        zh: `在${scenarioLabel.zh}中，${n.zh}报文段（${SIDE_NAMES[lostSegment.from].zh}发出的 ${lostSegment.flags}）丢失了。接下来会发生什么？`,
        en: `In ${scenarioLabel.en}, the ${n.en} segment (${lostSegment.flags} from ${SIDE_NAMES[lostSegment.from].en}) is lost. What happens next?`,
      },
      profile,
      (other) => recoveryId(recoveryOf(rerun(scenario, other), lose).recovery),
    ),
    input: "choice",
    choices,
    answer: recoveryId(correct),
    explanation: joinParagraphs(
      {
        zh: `只有还有未被确认的 SYN、FIN 或数据的一方才有重传定时器在运行；纯 ACK 从不重传，它的丢失要靠对方重传来弥补。最终：客户端 ${final.client}，服务器 ${final.server}。`,
        en: `Only a side with an unacknowledged SYN, FIN or data has a retransmission timer running; a bare ACK is never retransmitted, so its loss is repaired by the peer's retransmission. In the end: client ${final.client}, server ${final.server}.`,
      },
      explainTrace(scenario.trace, nextIndex + 1),
      explainStep(scenario.trace, nextIndex, profile),
    ),
    tests: testsUpTo(scenario, nextIndex),
    trace: traceOf(scenario),
    topics: [...new Set(["what-if", ...scenarioTopics(name)])],
  };
}

/** The receiver of the delayed segment, and the first segment that reaches it after that one was sent. */
function firstArrival(scenario: ScenarioRun, delayed: number): { receiver: Side; index: number; from: TcpState; to: TcpState } {
  const segments = scenario.segments;
  const receiver = peerOf(segments[delayed - 1]!.from);
  const sentAt = scenario.trace.steps.findIndex((step) => step.segment?.n === delayed);
  const index = scenario.trace.steps.findIndex((step, at) => at > sentAt && step.at === receiver && step.received !== undefined);
  const from = index > 0 ? scenario.trace.steps[index - 1]![receiver] : scenario.trace.initial[receiver];
  return { receiver, index, from, to: scenario.trace.steps[index]![receiver] };
}

function delayQuestion(random: Random, profile: ProfileName): QuestionDraft {
  const { scenario: name, delay, by } = random.pick(DELAYS);
  const scenario = run(name, { client: 100, server: 300 }, profile, { delay: { [delay]: by } });
  const delayed = scenario.segments[delay - 1]!;
  const arrival = firstArrival(scenario, delay);
  const options = random.shuffle([arrival.to, ...stateDistractors(arrival.to, arrival.from, random)]);
  const scenarioLabel = scenarioName(name);
  const n = ordinal(delay);
  const receiver = SIDE_NAMES[arrival.receiver];
  return {
    params: { scenario: name, delay: { [delay]: by }, change: "delay" },
    prompt: promptFor(
      {
        zh: `在${scenarioLabel.zh}中，${n.zh}报文段（${SIDE_NAMES[delayed.from].zh}发出的 ${delayed.flags}）在网络中被延迟，比之后的报文段晚到。${receiver.zh}处于 ${arrival.from} 时收到的第一个报文段会让它进入哪个状态？`,
        en: `In ${scenarioLabel.en}, the ${n.en} segment (${delayed.flags} from ${SIDE_NAMES[delayed.from].en}) is delayed and arrives after a later one. Which state does ${receiver.en}, in ${arrival.from}, enter on the first segment that reaches it?`,
      },
      profile,
      (other) => firstArrival(rerun(scenario, other), delay).to,
    ),
    input: "choice",
    choices: options.map((state) => ({ id: state, label: { zh: state, en: state } })),
    answer: arrival.to,
    explanation: joinParagraphs(explainTrace(scenario.trace, arrival.index + 1), explainStep(scenario.trace, arrival.index, profile)),
    tests: testsUpTo(scenario, arrival.index),
    trace: traceOf(scenario),
    topics: [...new Set(["what-if", ...scenarioTopics(name)])],
  };
}

function finalStates(scenario: ScenarioRun): Record<Side, TcpState> {
  const last = scenario.trace.steps[scenario.trace.steps.length - 1];
  return { client: last?.client ?? scenario.trace.initial.client, server: last?.server ?? scenario.trace.initial.server };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

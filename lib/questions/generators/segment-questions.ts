import { machineSteps, type Segment } from "../../sim";
import type { ProfileName } from "../../tcp";
import { explainStep, explainTrace, joinParagraphs, receiverOf } from "../explain";
import { ordinal, scenarioName, SIDE_NAMES } from "../phrases";
import { promptFor } from "../profile-dependence";
import { transitionKey, type SegmentAnswer } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { randomIsn, rerun, run, scenarioTopics, SEQUENTIAL_SCENARIOS, traceOf, type ScenarioRun } from "./scenario-pools";

/** The transitions a learner replays to reach the step at `stepIndex`. */
export function testsUpTo(scenario: ScenarioRun, stepIndex: number): string[] {
  const keys = machineSteps(scenario.trace)
    .filter((step) => step.index <= stepIndex)
    .map((step) => transitionKey(step.from, step.event));
  return [...new Set([...keys, `scenario:${scenario.scenario}`])];
}

export function stepOfSegment(scenario: ScenarioRun, n: number): number {
  return scenario.trace.steps.findIndex((step) => step.segment?.n === n);
}

export function segmentAnswer(segment: Segment): SegmentAnswer {
  return { flags: segment.flags, seq: segment.seq, ack: segment.ack };
}

/** Segment `n` of the same scenario run in another profile, as an answer. */
export function segmentIn(scenario: ScenarioRun, n: number, profile: ProfileName): SegmentAnswer | undefined {
  const segment = rerun(scenario, profile).segments[n - 1];
  return segment && segmentAnswer(segment);
}

function arrow(segment: Segment): { zh: string; en: string } {
  const to = receiverOf(segment);
  return { zh: `${SIDE_NAMES[segment.from].zh} → ${SIDE_NAMES[to].zh}`, en: `${segment.from} → ${to}` };
}

/** Earlier segments as "1. client → server SYN (lost)" lines, the asked one as "?". */
function listUpTo(scenario: ScenarioRun, n: number): { zh: string; en: string } {
  const lines = scenario.segments.slice(0, n).map((segment) => {
    const lost = scenario.lost.has(segment.n);
    const direction = arrow(segment);
    if (segment.n === n) return { zh: `${segment.n}. ${direction.zh}  ？`, en: `${segment.n}. ${direction.en}  ?` };
    const data = segment.len > 0 ? { zh: `（${segment.len} 字节数据）`, en: ` (${segment.len} bytes)` } : { zh: "", en: "" };
    return {
      zh: `${segment.n}. ${direction.zh}  ${segment.flags}${data.zh}${lost ? "（丢失）" : ""}`,
      en: `${segment.n}. ${direction.en}  ${segment.flags}${data.en}${lost ? " (lost)" : ""}`,
    };
  });
  return { zh: lines.map((line) => line.zh).join("\n"), en: lines.map((line) => line.en).join("\n") };
}

/** `segment`: with random ISNs, what are the flags, seq and ack of the Nth segment? */
export function generateSegment(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const scenario = run(random.pick(SEQUENTIAL_SCENARIOS), randomIsn(random), profile);
  const segment = random.pick(scenario.segments);
  const name = scenarioName(scenario.scenario);
  const listing = listUpTo(scenario, segment.n);
  const n = ordinal(segment.n);
  const step = stepOfSegment(scenario, segment.n);
  const prompt = {
    zh: `${name.zh}：客户端的初始序列号（ISN）是 ${scenario.isn.client}，服务器的是 ${scenario.isn.server}。报文段依次为：\n${listing.zh}\n${n.zh}报文段（由${SIDE_NAMES[segment.from].zh}发出）的标志、seq 和 ack 是多少？（ACK 位为 0 时 ack 留空。）`,
    en: `In ${name.en}, the client's ISN is ${scenario.isn.client} and the server's is ${scenario.isn.server}. The segments, in the order sent:\n${listing.en}\nWhat are the flags, seq and ack of the ${n.en} segment (sent by ${SIDE_NAMES[segment.from].en})? (Leave ack empty when the ACK bit is off.)`,
  };
  return {
    params: { scenario: scenario.scenario, lose: scenario.lose, index: segment.n, isn: scenario.isn },
    prompt: promptFor(prompt, profile, (other) => segmentIn(scenario, segment.n, other)),
    input: "segment",
    choices: null,
    answer: segmentAnswer(segment),
    explanation: joinParagraphs(
      {
        zh: `SYN 和 FIN 各占一个序列号，数据占其长度，纯 ACK 不占序列号；ack 是期望收到的下一个序列号。`,
        en: `SYN and FIN each take one sequence number, data takes its length, a bare ACK takes none; ack is the next sequence number expected.`,
      },
      explainTrace(scenario.trace, step + 1),
      explainStep(scenario.trace, step, profile),
    ),
    tests: testsUpTo(scenario, step),
    trace: traceOf(scenario),
    topics: [...new Set(["seq-ack", ...scenarioTopics(scenario.scenario)])],
  };
}

import { checkClaim } from "../../content";
import { allOutcomes, transition, type TcpEvent, type TcpState } from "../../tcp";
import { stateSequence, type Side } from "../../sim";
import { explainOutcome, explainTrace, joinParagraphs } from "../explain";
import { flagDistractors, stateDistractors } from "../distractors";
import { eventPhrase, scenarioName, SIDE_NAMES } from "../phrases";
import { transitionKey } from "../question";
import type { BilingualText } from "../../content";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { randomIsn, run, scenarioTopics, SEQUENTIAL_SCENARIOS } from "./scenario-pools";

const TRUE_FALSE_CHOICES = [
  { id: "true", label: { zh: "正确", en: "True" } },
  { id: "false", label: { zh: "错误", en: "False" } },
];

interface Statement {
  claim: Record<string, unknown>;
  text: BilingualText;
  why: BilingualText;
  tests: string[];
  topics: string[];
}

/**
 * `true-false`: a statement made from a true fact of the machine, mutated half
 * of the time. Whether it holds is decided by the machine (the content
 * checker's `checkClaim`), never by the generator's intent.
 */
export function generateTrueFalse(random: Random): QuestionDraft {
  const mutate = random.chance(0.5);
  const flavour = random.pick(["transition", "segment", "states"] as const);
  const statement =
    flavour === "transition" ? transitionStatement(random, mutate) : flavour === "segment" ? segmentStatement(random, mutate) : statesStatement(random, mutate);
  const problems = checkClaim(statement.claim);
  const holds = problems.length === 0;
  const verdict = holds
    ? { zh: "这个说法正确。", en: "The statement is true." }
    : { zh: "这个说法错误。", en: `The statement is false: ${problems[0]!.message}.` };
  return {
    params: { claim: statement.claim },
    prompt: { zh: `判断对错：${statement.text.zh}`, en: `True or false: ${statement.text.en}` },
    input: "choice",
    choices: TRUE_FALSE_CHOICES,
    answer: holds ? "true" : "false",
    explanation: joinParagraphs(verdict, statement.why),
    tests: statement.tests,
    topics: statement.topics,
  };
}

function transitionStatement(random: Random, mutate: boolean): Statement {
  const rows = allOutcomes().filter((outcome) => outcome.kind !== "error");
  const outcome = random.chance(0.6) ? random.pick(rows.filter((row) => row.kind === "arrow")) : random.pick(rows);
  let then: TcpState = outcome.to;
  let sends: string | null = outcome.sends;
  if (mutate && random.chance(0.5)) then = stateDistractors(outcome.to, outcome.from, random, 1)[0]!;
  else if (mutate) sends = flagDistractors(outcome.sends, random, 1)[0]!;
  const event = eventPhrase(outcome.event, outcome.from);
  const sendsZh = sends ? `并发送 ${sends}` : "且不发送任何报文段";
  const sendsEn = sends ? `sends ${sends}` : "sends nothing";
  return {
    claim: { in: outcome.from, on: outcome.event, then, sends: sends ?? "nothing" },
    text: {
      zh: `处于 ${outcome.from} 的一端，${event.zh}时，会进入 ${then}，${sendsZh}。`,
      en: `An endpoint in ${outcome.from}, when ${event.en}, moves to ${then} and ${sendsEn}.`,
    },
    why: explainOutcome(transition(outcome.from, outcome.event as TcpEvent)),
    tests: [transitionKey(outcome.from, outcome.event)],
    topics: ["states"],
  };
}

function segmentStatement(random: Random, mutate: boolean): Statement {
  const scenario = run(random.pick(SEQUENTIAL_SCENARIOS), randomIsn(random));
  const segment = random.pick(scenario.segments);
  let flags = segment.flags;
  let seq = segment.seq;
  let ack = segment.ack;
  if (mutate) {
    const how = random.int(0, 2);
    if (how === 0 || ack === null) flags = flagDistractors(segment.flags, random, 1)[0] ?? "RST";
    else if (how === 1) seq = (seq + random.pick([1, -1, 2])) >>> 0;
    else ack = (ack + random.pick([1, -1])) >>> 0;
  }
  const entry: Record<string, unknown> = { from: segment.from, flags, seq };
  if (ack !== null) entry.ack = ack;
  const name = scenarioName(scenario.scenario);
  const ackText = ack === null ? "" : `, ack = ${ack}`;
  const stepIndex = scenario.trace.steps.findIndex((step) => step.segment?.n === segment.n);
  return {
    claim: { scenario: scenario.scenario, isn: scenario.isn, segments: [...Array.from({ length: segment.n - 1 }, () => ({})), entry] },
    text: {
      zh: `在${name.zh}中（客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}），第 ${segment.n} 个报文段由${SIDE_NAMES[segment.from].zh}发出，标志为 ${flags ?? "（无）"}，seq = ${seq}${ackText}。`,
      en: `In ${name.en} (client ISN ${scenario.isn.client}, server ISN ${scenario.isn.server}), segment ${segment.n} is sent by ${SIDE_NAMES[segment.from].en} with flags ${flags ?? "(none)"}, seq = ${seq}${ackText}.`,
    },
    why: explainTrace(scenario.trace, stepIndex + 1),
    tests: testsUpTo(scenario, stepIndex),
    topics: [...new Set(["seq-ack", ...scenarioTopics(scenario.scenario)])],
  };
}

function statesStatement(random: Random, mutate: boolean): Statement {
  const scenario = run(random.pick([...SEQUENTIAL_SCENARIOS, "simultaneous-open", "simultaneous-close"]), { client: 100, server: 300 });
  const side = random.pick(["client", "server"] as Side[]);
  const states = stateSequence(scenario.trace, side);
  const claimed = [...states];
  if (mutate && claimed.length > 1) {
    const index = random.int(1, claimed.length - 1);
    claimed[index] = stateDistractors(claimed[index]!, claimed[index - 1] ?? null, random, 1)[0]!;
  }
  const name = scenarioName(scenario.scenario);
  return {
    claim: { scenario: scenario.scenario, states: { [side]: claimed } },
    text: {
      zh: `在${name.zh}中，${SIDE_NAMES[side].zh}依次经过 ${claimed.join(" → ")}。`,
      en: `In ${name.en}, ${SIDE_NAMES[side].en} goes ${claimed.join(" → ")}.`,
    },
    why: explainTrace(scenario.trace),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
  };
}

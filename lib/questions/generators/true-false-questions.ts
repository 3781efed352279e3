import { stateSequence, type Side } from "../../sim";
import type { BilingualText } from "../../content";
import type { ProfileName, TcpState } from "../../tcp";
import { explainOutcome, explainTrace, joinParagraphs } from "../explain";
import { flagDistractors, stateDistractors } from "../distractors";
import { eventPhrase, scenarioName, SIDE_NAMES, stateClause } from "../phrases";
import { dependsOnProfile, withProfile } from "../profile-dependence";
import { transitionKey } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { randomIsn, rerun, run, scenarioTopics, SEQUENTIAL_SCENARIOS } from "./scenario-pools";
import { outcomeOf, pickPremise, rfcOnly } from "./transition-questions";

const TRUE_FALSE_CHOICES = [
  { id: "true", label: { zh: "正确", en: "True" } },
  { id: "false", label: { zh: "错误", en: "False" } },
];

interface Truth {
  holds: boolean;
  /** What the machine really does, said so that a false statement's verdict can correct it. */
  actual: BilingualText;
}

interface Statement {
  /** The statement as a content claim (content/README.md), for the record. */
  claim: Record<string, unknown>;
  /** The case of its row a transition statement is about, when the row has more than one. */
  context?: Record<string, unknown>;
  text: BilingualText;
  /** Whether it holds in a profile, decided by that profile's machine. */
  truthIn: (profile: ProfileName) => Truth;
  why: BilingualText;
  tests: string[];
  topics: string[];
  /** Only RFC 9293's interface can make the premise: always name the profile. */
  rfcOnly?: boolean;
}

/**
 * `true-false`: a statement made from a true fact of the machine, mutated half
 * of the time. Whether it holds is decided by the machine (the profile's
 * table or a fresh run of the scenario), never by the generator's intent.
 */
export function generateTrueFalse(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const mutate = random.chance(0.5);
  const flavour = random.pick(["transition", "segment", "states"] as const);
  const statement =
    flavour === "transition"
      ? transitionStatement(random, mutate, profile)
      : flavour === "segment"
        ? segmentStatement(random, mutate, profile)
        : statesStatement(random, mutate, profile);
  const truth = statement.truthIn(profile);
  const verdict = truth.holds
    ? { zh: "这个说法正确。", en: "The statement is true." }
    : { zh: `这个说法错误：${truth.actual.zh}。`, en: `The statement is false: ${truth.actual.en}.` };
  const prompt = { zh: `判断对错：${statement.text.zh}`, en: `True or false: ${statement.text.en}` };
  const named = statement.rfcOnly || dependsOnProfile(profile, (other) => statement.truthIn(other).holds);
  return {
    params: { claim: statement.claim, ...(statement.context ? { context: statement.context } : {}) },
    prompt: named ? withProfile(prompt, profile) : prompt,
    input: "choice",
    choices: TRUE_FALSE_CHOICES,
    answer: truth.holds ? "true" : "false",
    explanation: joinParagraphs(verdict, statement.why),
    tests: statement.tests,
    topics: statement.topics,
  };
}

function sendsText(sends: string | null): BilingualText {
  return sends ? { zh: `发送 ${sends}`, en: `sends ${sends}` } : { zh: "不发送任何报文段", en: "sends nothing" };
}

function transitionStatement(random: Random, mutate: boolean, profile: ProfileName): Statement {
  const { premise, outcome } = pickPremise(random, profile);
  let then: TcpState = outcome.to;
  let sends: string | null = outcome.sends;
  if (mutate && random.chance(0.5)) then = stateDistractors(outcome.to, outcome.from, random, 1)[0]!;
  else if (mutate) sends = flagDistractors(outcome.sends, random, 1)[0]!;
  const event = eventPhrase(premise.event, premise.state, premise.context);
  const clause = stateClause(premise.context);
  const claimed = sendsText(sends);
  return {
    claim: { in: premise.state, on: premise.event, then, sends: sends ?? "nothing" },
    ...(Object.keys(premise.context).length > 0 ? { context: { ...premise.context } } : {}),
    text: {
      zh: `处于 ${premise.state} 状态${clause.zh}的一端，${event.zh}时，会进入 ${then}，并且${claimed.zh}。`,
      en: `An endpoint in ${premise.state}${clause.en} when ${event.en} moves to ${then} and ${claimed.en}.`,
    },
    truthIn: (other) => {
      const real = outcomeOf(premise, other);
      const actual = sendsText(real.sends);
      return {
        holds: real.to === then && real.sends === sends,
        actual: { zh: `它会进入 ${real.to}，并且${actual.zh}`, en: `it moves to ${real.to} and ${actual.en}` },
      };
    },
    why: explainOutcome(outcome, premise.context),
    tests: [transitionKey(premise.state, premise.event)],
    topics: ["states"],
    rfcOnly: rfcOnly(premise),
  };
}

function segmentText(segment: { flags: string | null; seq: number; ack: number | null }): BilingualText {
  const flags = segment.flags ?? "（无）";
  return {
    zh: `${flags}，seq = ${segment.seq}${segment.ack === null ? "" : `，ack = ${segment.ack}`}`,
    en: `${segment.flags ?? "(none)"}, seq = ${segment.seq}${segment.ack === null ? "" : `, ack = ${segment.ack}`}`,
  };
}

function segmentStatement(random: Random, mutate: boolean, profile: ProfileName): Statement {
  const scenario = run(random.pick(SEQUENTIAL_SCENARIOS), randomIsn(random), profile);
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
  const stepIndex = scenario.trace.steps.findIndex((step) => step.segment?.n === segment.n);
  const claimed = segmentText({ flags, seq, ack });
  return {
    claim: { scenario: scenario.scenario, isn: scenario.isn, segments: [...Array.from({ length: segment.n - 1 }, () => ({})), entry] },
    text: {
      zh: `在${name.zh}中（客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}），第 ${segment.n} 个报文段由${SIDE_NAMES[segment.from].zh}发出，标志为 ${claimed.zh}。`,
      en: `In ${name.en} (client ISN ${scenario.isn.client}, server ISN ${scenario.isn.server}), segment ${segment.n} is sent by ${SIDE_NAMES[segment.from].en} with flags ${claimed.en}.`,
    },
    truthIn: (other) => {
      const real = rerun(scenario, other).segments[segment.n - 1];
      if (!real) return { holds: false, actual: { zh: `这个场景只有 ${segment.n - 1} 个报文段`, en: `the scenario has only ${segment.n - 1} segments` } };
      const text = segmentText(real);
      return {
        holds: real.from === segment.from && real.flags === flags && real.seq === seq && real.ack === ack,
        actual: {
          zh: `第 ${segment.n} 个报文段由${SIDE_NAMES[real.from].zh}发出，标志为 ${text.zh}`,
          en: `segment ${segment.n} is sent by ${SIDE_NAMES[real.from].en} with flags ${text.en}`,
        },
      };
    },
    why: explainTrace(scenario.trace, stepIndex + 1),
    tests: testsUpTo(scenario, stepIndex),
    topics: [...new Set(["seq-ack", ...scenarioTopics(scenario.scenario)])],
  };
}

function statesStatement(random: Random, mutate: boolean, profile: ProfileName): Statement {
  const scenario = run(random.pick([...SEQUENTIAL_SCENARIOS, "simultaneous-open", "simultaneous-close"]), { client: 100, server: 300 }, profile);
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
    truthIn: (other) => {
      const real = stateSequence(rerun(scenario, other).trace, side);
      return {
        holds: real.join() === claimed.join(),
        actual: { zh: `${SIDE_NAMES[side].zh}实际依次经过 ${real.join(" → ")}`, en: `${SIDE_NAMES[side].en} goes ${real.join(" → ")}` },
      };
    },
    why: explainTrace(scenario.trace),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
  };
}

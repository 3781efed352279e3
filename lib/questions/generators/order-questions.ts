import type { BilingualText } from "../../content";
import { stateSequence, type Segment, type Side } from "../../sim";
import type { ProfileName } from "../../tcp";
import { explainTrace, receiverOf } from "../explain";
import { scenarioName, SIDE_NAMES } from "../phrases";
import { promptFor } from "../profile-dependence";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { rerun, run, scenarioTopics, traceOf } from "./scenario-pools";

const SEGMENT_ORDER_SCENARIOS = ["open", "close-client-first", "close-server-first", "close-combined", "rst-closed-port"] as const;
const STATE_ORDER_SCENARIOS = ["open", "simultaneous-open", "close-client-first", "close-server-first", "close-combined", "simultaneous-close", "half-close", "old-duplicate-syn"] as const;

/** A shuffle that is never the answer itself, so there is always something to do. */
function shuffledAway<T>(items: T[], random: Random): T[] {
  if (items.length < 2) return items;
  for (let attempt = 0; attempt < 10; attempt++) {
    const shuffled = random.shuffle(items);
    if (shuffled.some((item, index) => item !== items[index])) return shuffled;
  }
  return [...items.slice(1), items[0]!];
}

/** `order`: put a scenario's segments, or one side's states, in order. */
export function generateOrder(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  return random.chance(0.5) ? orderSegments(random, profile) : orderStates(random, profile);
}

function segmentText(segment: Segment): BilingualText {
  const to = receiverOf(segment);
  const fields = `${segment.flags} seq=${segment.seq}${segment.ack === null ? "" : ` ack=${segment.ack}`}`;
  return { zh: `${SIDE_NAMES[segment.from].zh} → ${SIDE_NAMES[to].zh}  ${fields}`, en: `${segment.from} → ${to}  ${fields}` };
}

function orderSegments(random: Random, profile: ProfileName): QuestionDraft {
  const scenario = run(random.pick(SEGMENT_ORDER_SCENARIOS), { client: random.int(1, 9) * 1000, server: random.int(1, 9) * 1000 + 500 }, profile);
  const items: Choice[] = scenario.segments.map((segment) => ({ id: `s${segment.n}`, label: segmentText(segment) }));
  const name = scenarioName(scenario.scenario);
  return {
    params: { scenario: scenario.scenario, isn: scenario.isn, what: "segments" },
    prompt: promptFor(
      {
        zh: `把${name.zh}中的报文段按发送顺序排列（客户端 ISN = ${scenario.isn.client}，服务器 ISN = ${scenario.isn.server}）。`,
        en: `Put the segments of ${name.en} in the order they are sent (client ISN ${scenario.isn.client}, server ISN ${scenario.isn.server}).`,
      },
      profile,
      // The same segments in the same order: compared by what the learner sees.
      (other) => rerun(scenario, other).segments.map((segment) => segmentText(segment).en),
    ),
    input: "order",
    choices: shuffledAway(items, random),
    answer: items.map((item) => item.id),
    explanation: explainTrace(scenario.trace),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    trace: traceOf(scenario),
    topics: [...new Set([...scenarioTopics(scenario.scenario), "seq-ack"])],
  };
}

function orderStates(random: Random, profile: ProfileName): QuestionDraft {
  const scenario = run(random.pick(STATE_ORDER_SCENARIOS), { client: 100, server: 300 }, profile);
  const candidates = (["client", "server"] as Side[]).filter((side) => {
    const states = stateSequence(scenario.trace, side);
    return states.length >= 3 && new Set(states).size === states.length;
  });
  const side = random.pick(candidates);
  const states = stateSequence(scenario.trace, side);
  const items: Choice[] = states.map((state) => ({ id: state, label: { zh: state, en: state } }));
  const name = scenarioName(scenario.scenario);
  return {
    params: { scenario: scenario.scenario, side, what: "states" },
    prompt: promptFor(
      { zh: `把${name.zh}中${SIDE_NAMES[side].zh}经过的状态按先后顺序排列。`, en: `Put the states ${SIDE_NAMES[side].en} passes through in ${name.en} in order.` },
      profile,
      (other) => stateSequence(rerun(scenario, other).trace, side),
    ),
    input: "order",
    choices: shuffledAway(items, random),
    answer: states,
    explanation: explainTrace(scenario.trace),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    trace: traceOf(scenario),
    topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
  };
}

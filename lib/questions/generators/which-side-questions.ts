import { stateSequence, type Side } from "../../sim";
import type { TcpState } from "../../tcp";
import { explainTrace, joinParagraphs } from "../explain";
import { scenarioName } from "../phrases";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { run, scenarioTopics } from "./scenario-pools";

const SCENARIOS = [
  "open",
  "simultaneous-open",
  "close-client-first",
  "close-server-first",
  "close-combined",
  "simultaneous-close",
  "half-close",
  "lost-last-ack",
  "abort",
] as const;
const OPENING_STATES: TcpState[] = ["SYN_SENT", "SYN_RECEIVED", "LISTEN"];
const CLOSING_STATES: TcpState[] = ["TIME_WAIT", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "FIN_WAIT_1", "FIN_WAIT_2"];

export const WHICH_SIDE_CHOICES: Choice[] = [
  { id: "client", label: { zh: "只有客户端", en: "The client only" } },
  { id: "server", label: { zh: "只有服务器", en: "The server only" } },
  { id: "both", label: { zh: "双方都经过", en: "Both" } },
  { id: "neither", label: { zh: "双方都不经过", en: "Neither" } },
];

export function whichSides(passes: Record<Side, boolean>): string {
  if (passes.client && passes.server) return "both";
  if (passes.client) return "client";
  if (passes.server) return "server";
  return "neither";
}

/** `which-side`: who passes through TIME_WAIT / CLOSE_WAIT / CLOSING in this scenario? */
export function generateWhichSide(random: Random): QuestionDraft {
  const scenario = run(random.pick(SCENARIOS), { client: 100, server: 300 });
  // Mostly states of the scenario's own phase; now and then one of the other, whose answer is "neither".
  const opening = scenario.scenario.includes("open");
  const own = opening ? OPENING_STATES : CLOSING_STATES;
  const state = random.pick(random.chance(0.85) ? own : opening ? CLOSING_STATES : OPENING_STATES);
  const sequences = { client: stateSequence(scenario.trace, "client"), server: stateSequence(scenario.trace, "server") };
  const answer = whichSides({ client: sequences.client.includes(state), server: sequences.server.includes(state) });
  const name = scenarioName(scenario.scenario);
  return {
    params: { scenario: scenario.scenario, state },
    prompt: { zh: `在${name.zh}中，哪一方会经过 ${state} 状态？`, en: `In ${name.en}, which side passes through ${state}?` },
    input: "choice",
    choices: WHICH_SIDE_CHOICES,
    answer,
    explanation: joinParagraphs(
      {
        zh: `客户端：${sequences.client.join(" → ")}\n服务器：${sequences.server.join(" → ")}`,
        en: `Client: ${sequences.client.join(" → ")}\nServer: ${sequences.server.join(" → ")}`,
      },
      explainTrace(scenario.trace),
    ),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    trace: { scenario: scenario.scenario, lose: [], isn: scenario.isn },
    topics: [...new Set(["states", ...scenarioTopics(scenario.scenario)])],
  };
}

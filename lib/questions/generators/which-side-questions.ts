import { stateSequence, type Side } from "../../sim";
import type { ProfileName, TcpState } from "../../tcp";
import { explainTrace, joinParagraphs } from "../explain";
import { scenarioName } from "../phrases";
import { promptFor } from "../profile-dependence";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";
import { testsUpTo } from "./segment-questions";
import { rerun, run, scenarioTopics, traceOf, type ScenarioRun } from "./scenario-pools";

type Phase = "opening" | "closing";

/**
 * Which part of a connection's life a question asks about. A scenario shows
 * one phase only (the close scenarios start ESTABLISHED), so a question asks
 * about states of that phase, and says so: "which side is ever in LISTEN?"
 * of a close would be "neither" for the scenario and "the server" for the
 * connection.
 */
const PHASES: Record<Phase, { states: TcpState[]; name: { zh: string; en: string } }> = {
  opening: {
    states: ["LISTEN", "SYN_SENT", "SYN_RECEIVED"],
    name: { zh: "打开阶段（从第一个 SYN 到双方都进入 ESTABLISHED）", en: "opening phase (from the first SYN until both sides are ESTABLISHED)" },
  },
  closing: {
    states: ["FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT"],
    name: { zh: "关闭阶段（从第一个 FIN 或 RST 到双方都进入 CLOSED）", en: "closing phase (from the first FIN or RST until both sides are CLOSED)" },
  },
};

const SCENARIOS: readonly { scenario: string; phase: Phase }[] = [
  { scenario: "open", phase: "opening" },
  { scenario: "simultaneous-open", phase: "opening" },
  { scenario: "close-client-first", phase: "closing" },
  { scenario: "close-server-first", phase: "closing" },
  { scenario: "close-combined", phase: "closing" },
  { scenario: "simultaneous-close", phase: "closing" },
  { scenario: "half-close", phase: "closing" },
  { scenario: "lost-last-ack", phase: "closing" },
  { scenario: "abort", phase: "closing" },
];

export const WHICH_SIDE_CHOICES: Choice[] = [
  { id: "client", label: { zh: "只有客户端", en: "The client only" } },
  { id: "server", label: { zh: "只有服务器", en: "The server only" } },
  { id: "both", label: { zh: "双方都会", en: "Both" } },
  { id: "neither", label: { zh: "双方都不会", en: "Neither" } },
];

export function whichSides(passes: Record<Side, boolean>): string {
  if (passes.client && passes.server) return "both";
  if (passes.client) return "client";
  if (passes.server) return "server";
  return "neither";
}

function answerOf(scenario: ScenarioRun, state: TcpState): string {
  return whichSides({ client: stateSequence(scenario.trace, "client").includes(state), server: stateSequence(scenario.trace, "server").includes(state) });
}

/** `which-side`: in this phase of this scenario, who is ever in TIME_WAIT / CLOSE_WAIT / SYN_RECEIVED …? */
export function generateWhichSide(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const { scenario: name, phase } = random.pick(SCENARIOS);
  const scenario = run(name, { client: 100, server: 300 }, profile);
  const state = random.pick(PHASES[phase].states);
  const sequences = { client: stateSequence(scenario.trace, "client"), server: stateSequence(scenario.trace, "server") };
  const label = scenarioName(name);
  const phaseName = PHASES[phase].name;
  return {
    params: { scenario: name, phase, state },
    prompt: promptFor(
      {
        zh: `在${label.zh}的${phaseName.zh}中，哪一方会处于 ${state} 状态？`,
        en: `In the ${phaseName.en} of ${label.en}, which side is in ${state} at some point?`,
      },
      profile,
      (other) => answerOf(rerun(scenario, other), state),
    ),
    input: "choice",
    choices: WHICH_SIDE_CHOICES,
    answer: answerOf(scenario, state),
    explanation: joinParagraphs(
      {
        zh: `客户端：${sequences.client.join(" → ")}\n服务器：${sequences.server.join(" → ")}`,
        en: `Client: ${sequences.client.join(" → ")}\nServer: ${sequences.server.join(" → ")}`,
      },
      explainTrace(scenario.trace),
    ),
    tests: testsUpTo(scenario, scenario.trace.steps.length),
    trace: traceOf(scenario),
    topics: [...new Set(["states", ...scenarioTopics(name)])],
  };
}

import { allOutcomes, type Outcome, type TcpState } from "../../tcp";
import { explainOutcome } from "../explain";
import { flagDistractors, stateDistractors } from "../distractors";
import { eventPhrase, flagsLabel } from "../phrases";
import { transitionKey, type Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";

/** Rows worth asking about: arrows most often, then the other state changes and replies. Errors never. */
function pickOutcome(random: Random, wantSends = false): Outcome {
  const outcomes = allOutcomes().filter((outcome) => outcome.kind !== "error");
  const arrows = outcomes.filter((outcome) => outcome.kind === "arrow");
  const others = outcomes.filter((outcome) => outcome.kind !== "arrow" && (!wantSends || outcome.sends !== null || outcome.kind === "transition"));
  return random.chance(0.6) ? random.pick(arrows) : random.pick(others);
}

function topicsOf(outcome: Outcome): string[] {
  const handshake = ["LISTEN", "SYN_SENT", "SYN_RECEIVED"].includes(outcome.from) || outcome.event.includes("SYN");
  const topics = new Set<string>(["states"]);
  if (handshake) topics.add("handshake");
  else topics.add("close");
  if (outcome.from === "TIME_WAIT" || outcome.to === "TIME_WAIT") topics.add("time-wait");
  return [...topics];
}

const stateChoice = (state: TcpState): Choice => ({ id: state, label: { zh: state, en: state } });

/** `next-state`: in state S, event E happens: which state next? */
export function generateNextState(random: Random): QuestionDraft {
  const outcome = pickOutcome(random);
  const event = eventPhrase(outcome.event, outcome.from);
  const options = random.shuffle([outcome.to, ...stateDistractors(outcome.to, outcome.from, random)]);
  return {
    params: { state: outcome.from, event: outcome.event },
    prompt: {
      zh: `一端处于 ${outcome.from} 状态，此时${event.zh}。它接下来处于哪个状态？`,
      en: `An endpoint is in ${outcome.from} when ${event.en}. Which state is it in next?`,
    },
    input: "choice",
    choices: options.map(stateChoice),
    answer: outcome.to,
    explanation: explainOutcome(outcome),
    tests: [transitionKey(outcome.from, outcome.event)],
    topics: topicsOf(outcome),
  };
}

/** `sends`: what does the endpoint send on this event? */
export function generateSends(random: Random): QuestionDraft {
  const outcome = pickOutcome(random, true);
  const event = eventPhrase(outcome.event, outcome.from);
  const options = random.shuffle([outcome.sends, ...flagDistractors(outcome.sends, random)]);
  return {
    params: { state: outcome.from, event: outcome.event },
    prompt: {
      zh: `一端处于 ${outcome.from} 状态，此时${event.zh}。它发送什么报文段？`,
      en: `An endpoint is in ${outcome.from} when ${event.en}. What does it send?`,
    },
    input: "choice",
    choices: options.map((flags) => ({ id: flags ?? "nothing", label: flagsLabel(flags) })),
    answer: outcome.sends ?? "nothing",
    explanation: explainOutcome(outcome),
    tests: [transitionKey(outcome.from, outcome.event)],
    topics: [...topicsOf(outcome), "seq-ack"].filter((topic) => topic !== "seq-ack" || outcome.sends !== null).slice(0, 3),
  };
}

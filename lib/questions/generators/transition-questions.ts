import { PROFILES, transition, type Outcome, type ProfileName, type TcpState } from "../../tcp";
import { explainOutcome } from "../explain";
import { flagDistractors, stateDistractors } from "../distractors";
import { eventPhrase, flagsLabel, stateClause } from "../phrases";
import { promptFor } from "../profile-dependence";
import { transitionKey, type Choice } from "../question";
import type { Random } from "../random";
import { reachablePremises, type Premise } from "../reachable-premises";
import { userCallPremise } from "../user-calls";
import type { QuestionDraft } from "./draft";

export interface AskedPremise {
  premise: Premise;
  outcome: Outcome;
}

export function outcomeOf(premise: Premise, profile: ProfileName): Outcome {
  return transition(premise.state, premise.event, premise.context, PROFILES[profile].machine);
}

const askableByProfile = new Map<ProfileName, AskedPremise[]>();

/** The reachable premises with their outcomes, less calls refused with an error. */
function askable(profile: ProfileName): AskedPremise[] {
  let asked = askableByProfile.get(profile);
  if (!asked) {
    asked = reachablePremises(profile)
      .map((premise) => ({ premise, outcome: outcomeOf(premise, profile) }))
      .filter(({ outcome }) => outcome.kind !== "error");
    askableByProfile.set(profile, asked);
  }
  return asked;
}

/**
 * A premise a connection can reach in `profile` (reachable-premises.ts):
 * arrows of Figure 5 most often, then the other changes and replies. Calls
 * refused with an error are never asked.
 */
export function pickPremise(random: Random, profile: ProfileName, wantSends = false): AskedPremise {
  const asked = askable(profile);
  const arrows = asked.filter(({ outcome }) => outcome.kind === "arrow");
  const others = asked.filter(({ outcome }) => outcome.kind !== "arrow" && (!wantSends || outcome.sends !== null || outcome.kind === "transition"));
  return random.chance(0.6) && arrows.length > 0 ? random.pick(arrows) : random.pick(others);
}

/** A call only RFC 9293's abstract interface can make is always asked as RFC 9293's. */
export function rfcOnly(premise: Premise): boolean {
  return userCallPremise(premise.state, premise.event)?.api === "rfc";
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

/** "一端处于 X 状态（…），此时…" / "An endpoint is in X, … when …". */
function situation(premise: Premise): { zh: string; en: string } {
  const clause = stateClause(premise.context);
  const event = eventPhrase(premise.event, premise.state, premise.context);
  return { zh: `一端处于 ${premise.state} 状态${clause.zh}，此时${event.zh}。`, en: `An endpoint is in ${premise.state}${clause.en} when ${event.en}.` };
}

/** `next-state`: in state S, event E happens: which state next? */
export function generateNextState(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const { premise, outcome } = pickPremise(random, profile);
  const options = random.shuffle([outcome.to, ...stateDistractors(outcome.to, outcome.from, random)]);
  const text = situation(premise);
  return {
    params: { state: premise.state, event: premise.event, context: premise.context },
    prompt: promptFor(
      { zh: `${text.zh}它接下来处于哪个状态？`, en: `${text.en} Which state is it in next?` },
      profile,
      (other) => outcomeOf(premise, other).to,
      rfcOnly(premise),
    ),
    input: "choice",
    choices: options.map(stateChoice),
    answer: outcome.to,
    explanation: explainOutcome(outcome, premise.context),
    tests: [transitionKey(outcome.from, outcome.event)],
    topics: topicsOf(outcome),
  };
}

/** `sends`: what does the endpoint send on this event? */
export function generateSends(random: Random, _context: unknown, profile: ProfileName): QuestionDraft {
  const { premise, outcome } = pickPremise(random, profile, true);
  const options = random.shuffle([outcome.sends, ...flagDistractors(outcome.sends, random)]);
  const text = situation(premise);
  return {
    params: { state: premise.state, event: premise.event, context: premise.context },
    prompt: promptFor(
      { zh: `${text.zh}它发送什么报文段？`, en: `${text.en} What does it send?` },
      profile,
      (other) => outcomeOf(premise, other).sends ?? "nothing",
      rfcOnly(premise),
    ),
    input: "choice",
    choices: options.map((flags) => ({ id: flags ?? "nothing", label: flagsLabel(flags) })),
    answer: outcome.sends ?? "nothing",
    explanation: explainOutcome(outcome, premise.context),
    tests: [transitionKey(outcome.from, outcome.event)],
    topics: [...topicsOf(outcome), "seq-ack"].filter((topic) => topic !== "seq-ack" || outcome.sends !== null).slice(0, 3),
  };
}

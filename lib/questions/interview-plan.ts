import { DEFAULT_PROFILE, type ProfileName } from "../tcp";
import type { QuestionContext } from "./context";
import { generateQuestion } from "./generate";
import type { QuestionKind } from "./question";
import type { QuestionRef } from "./question-ref";
import type { Random } from "./random";

/*
 * An interview: rounds of a "why" question answered in free text and
 * graded against its key points, each followed by the interviewer's next
 * question. Cards are drawn evenly from every why card in content (a
 * shuffle, so no card repeats within an interview); the follow-up is the
 * card's own when it has one, else a machine question on the card's topic.
 */

/** Machine questions an interviewer might follow a "why" with, by the card's topic. */
const MACHINE_FOLLOW_UPS: Record<string, QuestionKind[]> = {
  handshake: ["what-if", "segment", "next-state"],
  close: ["what-if", "order", "which-side"],
  "time-wait": ["what-if", "which-side", "seq-arith"],
  states: ["next-state", "trace-gap", "match"],
  "seq-ack": ["seq-arith", "segment"],
};

export function interviewPlan(context: QuestionContext, rounds: number, random: Random): QuestionRef[] {
  const cards = random.shuffle(context.whyCards).slice(0, Math.max(1, rounds));
  return cards.flatMap((card): QuestionRef[] => [
    { source: "card", cardId: card.id, part: "question" },
    card.followUp ? { source: "card", cardId: card.id, part: "follow-up" } : machineFollowUp(card.tags, context, random),
  ]);
}

/** A machine question on the card's topic; a card about Linux gets the linux profile's answer. */
function machineFollowUp(tags: readonly string[], context: QuestionContext, random: Random): QuestionRef {
  const topic = tags.find((tag) => MACHINE_FOLLOW_UPS[tag]) ?? "states";
  const kinds = MACHINE_FOLLOW_UPS[topic]!;
  const profile: ProfileName = tags.includes("linux") ? "linux" : DEFAULT_PROFILE;
  let fallback: QuestionRef | null = null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const kind = kinds[attempt % kinds.length]!;
    const seed = random.uint32();
    const ref: QuestionRef = { source: "generated", kind, seed, ...(profile === DEFAULT_PROFILE ? {} : { profile }) };
    if (generateQuestion(kind, seed, context, profile).topics.includes(topic)) return ref;
    fallback ??= ref;
  }
  return fallback!;
}

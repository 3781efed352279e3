import { DEFAULT_PROFILE, type ProfileName } from "../tcp";
import type { QuestionContext } from "./context";
import { generateMatch, generateWhy } from "./generators/content-questions";
import type { Generator } from "./generators/draft";
import { generateOrder } from "./generators/order-questions";
import { generateSegment } from "./generators/segment-questions";
import { generateSeqArith } from "./generators/seq-arith-questions";
import { generateTraceGap } from "./generators/trace-gap-questions";
import { generateNextState, generateSends } from "./generators/transition-questions";
import { generateTrueFalse } from "./generators/true-false-questions";
import { generateWhatIf } from "./generators/what-if-questions";
import { generateWhichSide } from "./generators/which-side-questions";
import { QUESTION_KINDS, type Question, type QuestionKind } from "./question";
import { Random } from "./random";

export const GENERATORS: Record<QuestionKind, Generator> = {
  "next-state": generateNextState,
  segment: generateSegment,
  sends: generateSends,
  order: generateOrder,
  match: generateMatch,
  "which-side": generateWhichSide,
  "what-if": generateWhatIf,
  "true-false": generateTrueFalse,
  "trace-gap": generateTraceGap,
  why: generateWhy,
  "seq-arith": generateSeqArith,
};

/**
 * One question of `kind`, a pure function of `seed`, the content and the
 * profile (RFC 9293 unless told): its machine gives the answer.
 */
export function generateQuestion(kind: QuestionKind, seed: number, context: QuestionContext, profile: ProfileName = DEFAULT_PROFILE): Question {
  const draft = GENERATORS[kind](new Random(seed), context, profile);
  const id = `${kind}-${profile === DEFAULT_PROFILE ? "" : `${profile}-`}${(seed >>> 0).toString(36)}`;
  return { id, kind, seed: seed >>> 0, profile, ...draft };
}

export interface GenerateOptions {
  kinds?: readonly QuestionKind[];
  count: number;
  seed: number;
  profile?: ProfileName;
}

/** The kinds this content can feed: `why` needs why cards, `match` the states' meanings. */
export function availableKinds(context: QuestionContext): QuestionKind[] {
  return QUESTION_KINDS.filter((kind) => (kind !== "why" || context.whyCards.length > 0) && (kind !== "match" || context.states.length >= 4));
}

/** `count` questions cycling through `kinds` (all available kinds by default), each with its own seed drawn from `seed`. */
export function generateQuestions(options: GenerateOptions, context: QuestionContext): Question[] {
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : availableKinds(context);
  const random = new Random(options.seed);
  const order = random.shuffle(kinds);
  return Array.from({ length: options.count }, (_, index) => generateQuestion(order[index % order.length]!, random.uint32(), context, options.profile));
}

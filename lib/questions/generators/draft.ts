import type { Question } from "../question";
import type { QuestionContext } from "../context";
import type { Random } from "../random";

/** What a generator returns; the registry adds the id, kind and seed. */
export type QuestionDraft = Omit<Question, "id" | "seed" | "kind">;

export type Generator = (random: Random, context: QuestionContext) => QuestionDraft;

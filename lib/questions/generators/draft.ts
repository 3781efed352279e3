import type { ProfileName } from "../../tcp";
import type { Question } from "../question";
import type { QuestionContext } from "../context";
import type { Random } from "../random";

/** What a generator returns; the registry adds the id, kind, seed and profile. */
export type QuestionDraft = Omit<Question, "id" | "seed" | "kind" | "profile">;

export type Generator = (random: Random, context: QuestionContext, profile: ProfileName) => QuestionDraft;

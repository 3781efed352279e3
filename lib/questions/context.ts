import type { BilingualList, BilingualText, StateInfo } from "../content";

/** A "why" flashcard, as the why generator and interview mode use it. */
export interface WhyCard {
  id: string;
  front: BilingualText;
  back: BilingualText;
  keyPoints: BilingualList;
  tags: string[];
  /** The question an interviewer asks next, with its own key points. */
  followUp?: { prompt: BilingualText; keyPoints: BilingualList };
}

/**
 * What generators take from content/: the states' meanings and the why cards.
 * Passed in, so that generators stay pure functions of their seed.
 */
export interface QuestionContext {
  states: StateInfo[];
  whyCards: WhyCard[];
  /** Capture name ("sample:<file>", "upload:<id>") → its bytes, for quizzes with questions from a capture. */
  captures?: ReadonlyMap<string, Uint8Array>;
  /** Capture name → the name a prompt shows (an upload's original file name); the file name of a sample otherwise. */
  captureNames?: ReadonlyMap<string, string>;
}

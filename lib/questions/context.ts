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
}

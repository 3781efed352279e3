import type { Language } from "@/lib/i18n/language";
import type { quiz } from "@/lib/i18n/messages/quiz";
import type { LearnerResponse } from "@/lib/questions/check-answer";
import type { PublicQuestion } from "@/lib/server/quiz-store";

export type QuizMessages = { [K in keyof typeof quiz]: string };

/** What every answer input gets: the question, the language, and where to send the answer. */
export interface InputProps {
  question: PublicQuestion;
  lang: Language;
  messages: QuizMessages;
  disabled: boolean;
  onSubmit: (response: LearnerResponse) => void;
}

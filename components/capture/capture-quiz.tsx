"use client";

import { useEffect, useRef, useState } from "react";
import { AnswerPanel } from "@/components/quiz/answer-panel";
import { QuestionInput } from "@/components/quiz/question-input";
import type { ConnectionReplay } from "@/lib/capture/replay-connection";
import type { BilingualText } from "@/lib/content";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { quiz } from "@/lib/i18n/messages/quiz";
import { format, inLanguage } from "@/lib/i18n/translate";
import { checkAnswer, type LearnerResponse } from "@/lib/questions/check-answer";
import type { QuestionContext } from "@/lib/questions/context";
import { captureQuestions } from "@/lib/questions/generators/capture-questions";
import type { Question } from "@/lib/questions/question";
import type { AnswerView } from "@/lib/server/quiz-store";
import styles from "./capture.module.css";

const QUIZ_LENGTH = 5;

interface CaptureQuizProps {
  replay: ConnectionReplay;
  source: BilingualText;
  lang: Language;
  context: QuestionContext;
}

interface Round {
  seed: number;
  questions: Question[];
  position: number;
  results: AnswerView[];
}

/** A fresh seed per round, so "new questions" means new ones; the questions are a pure function of it. */
function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/**
 * "Quiz me on this capture": questions drawn from the replay, one at a time,
 * each checked in the browser by the one answer checker, with its
 * explanation, and a score at the end. Nothing is sent to the server.
 */
export function CaptureQuiz({ replay, source, lang, context }: CaptureQuizProps) {
  const [round, setRound] = useState<Round | null>(null);
  const prompt = useRef<HTMLHeadingElement>(null);
  const t = (key: keyof typeof capture) => capture[key][lang];
  const messages = inLanguage(quiz, lang);
  const position = round?.position ?? 0;

  useEffect(() => {
    if (round && round.results.length === round.position) prompt.current?.focus();
  }, [round, position]);

  function start() {
    const seed = freshSeed();
    setRound({ seed, questions: captureQuestions(replay, seed, QUIZ_LENGTH, source, replay.trace.profile, `capture-${replay.index}`), position: 0, results: [] });
  }

  function answer(response: LearnerResponse) {
    if (!round) return;
    const question = round.questions[round.position]!;
    const result: AnswerView = { ...checkAnswer(question, response, context), explanation: question.explanation, response };
    setRound({ ...round, results: [...round.results, result] });
  }

  const question = round?.questions[position];
  const result = round?.results[position];
  const finished = round !== null && round.questions.length > 0 && position >= round.questions.length;

  return (
    <section className={styles.panel} aria-labelledby="quiz-heading" data-testid="capture-quiz" {...(round ? { "data-seed": round.seed } : {})}>
      <h2 id="quiz-heading" className={styles.heading}>
        {t("quizHeading")}
      </h2>
      <p className={styles.hint}>{t("quizNotStored")}</p>
      {(!round || finished) && (
        <button type="button" className="button" onClick={start} data-testid="quiz-start">
          {round ? t("quizAgain") : t("quizStart")}
        </button>
      )}
      {round && round.questions.length === 0 && <p data-testid="quiz-none">{t("quizNone")}</p>}
      {question && (
        <article
          className={styles.question}
          data-testid="question"
          data-kind={question.kind}
          data-input={question.input}
          data-position={position}
          // What the question is about, never its answer: which segment, whose state, what is asked.
          data-question-type={String(question.params.type)}
          data-segment={String(question.params.n)}
          data-side={String(question.params.side)}
        >
          <p className={styles.hint} data-testid="question-counter">
            {format(t("questionOf"), { n: position + 1, total: round.questions.length })}
          </p>
          <h3 ref={prompt} tabIndex={-1} className={styles.prompt}>
            {question.prompt[lang]}
          </h3>
          <QuestionInput key={`${round.seed}-${position}`} question={question} lang={lang} messages={messages} disabled={result !== undefined} onSubmit={answer} />
        </article>
      )}
      {question && result && (
        <>
          <AnswerPanel result={result} lang={lang} messages={messages} />
          <button type="button" className="button" onClick={() => setRound({ ...round!, position: position + 1 })} data-testid="quiz-next">
            {position + 1 >= round!.questions.length ? t("seeScore") : t("nextQuestion")}
          </button>
        </>
      )}
      {finished && (
        <p className="verdict" role="status" data-testid="quiz-score">
          {format(t("scoreLine"), { score: round.results.filter((entry) => entry.correct).length, total: round.questions.length })}
        </p>
      )}
    </section>
  );
}

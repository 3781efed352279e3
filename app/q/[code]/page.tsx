import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartAttemptForm } from "@/components/quiz/start-attempt-form";
import { formatDate } from "@/components/quiz/format-date";
import styles from "@/components/quiz/quiz.module.css";
import { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { format, inLanguage } from "@/lib/i18n/translate";
import { db } from "@/lib/server/db";
import { findLearner } from "@/lib/server/learner";
import { getLanguage } from "@/lib/server/preferences";
import { attemptsUsed, findSharedQuiz, quizQuestionCount, runningAttempt } from "@/lib/server/quiz-attempts";

export const metadata: Metadata = { title: "Quiz · 测验" };
export const dynamic = "force-dynamic";

/** A quiz shared by its code: its rules, and a name to start with (or the attempt in progress to continue). */
export default async function SharedQuizPage({ params }: { params: Promise<{ code: string }> }) {
  const [lang, shared, learner] = await Promise.all([getLanguage(), findSharedQuiz(db, (await params).code), findLearner()]);
  if (shared.status === "missing") notFound();
  const messages = inLanguage(quizAttempts, lang);
  if (shared.status === "unavailable") {
    return (
      <div className="stack">
        <h1>{messages.unavailableTitle}</h1>
        <p className="lede">{messages.unavailableText}</p>
      </div>
    );
  }
  const { quiz } = shared.target;
  const { settings } = quiz;
  const now = new Date();
  const [used, running] = learner
    ? await Promise.all([attemptsUsed(db, learner.id, shared.target), runningAttempt(db, learner.id, shared.target, now)])
    : [0, null];
  const feedback = settings.feedback ?? "each";
  return (
    <div className="stack">
      <h1>{quiz.title[lang]}</h1>
      <p className="muted">{format(messages.byInstructor, { name: shared.instructorName ?? messages.noInstructorName })}</p>
      {quiz.description ? <p className="lede">{quiz.description[lang]}</p> : null}
      <section className="card" aria-labelledby="rules-title">
        <h2 id="rules-title">{messages.rulesTitle}</h2>
        <dl className={styles.rules} data-testid="quiz-rules">
          <dt>{messages.ruleQuestions}</dt>
          <dd>{quizQuestionCount(quiz)}</dd>
          <dt>{messages.ruleTimeLimit}</dt>
          <dd>{settings.timeLimitMinutes ? format(messages.ruleMinutes, { n: settings.timeLimitMinutes }) : messages.ruleNoTimeLimit}</dd>
          <dt>{messages.ruleAttempts}</dt>
          <dd data-testid="attempts-used">
            {settings.attempts ? format(messages.ruleAttemptsUsed, { used, allowed: settings.attempts }) : format(messages.ruleAttemptsUnlimited, { used })}
          </dd>
          {settings.opens ? (
            <>
              <dt>{messages.ruleOpens}</dt>
              <dd>{formatDate(settings.opens, lang)}</dd>
            </>
          ) : null}
          {settings.closes ? (
            <>
              <dt>{messages.ruleCloses}</dt>
              <dd>{formatDate(settings.closes, lang)}</dd>
            </>
          ) : null}
          <dt>{messages.ruleFeedback}</dt>
          <dd>{format(messages[`feedback_${feedback}`], { date: settings.closes ? formatDate(settings.closes, lang) : "" })}</dd>
        </dl>
      </section>
      {running ? (
        <section className="card" aria-labelledby="continue-title">
          <h2 id="continue-title">{messages.continueTitle}</h2>
          <p>
            <Link className="button" href={`/quiz/${running.id}`}>
              {format(messages.continueAttempt, { n: running.attempt ?? 1 })}
            </Link>
          </p>
        </section>
      ) : (
        <StartAttemptForm code={shared.code} defaultName={learner?.displayName ?? ""} messages={messages} />
      )}
    </div>
  );
}

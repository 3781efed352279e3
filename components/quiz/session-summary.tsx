"use client";

import Link from "next/link";
import type { Language } from "@/lib/i18n/language";
import type { interview } from "@/lib/i18n/messages/quiz";
import { format } from "@/lib/i18n/translate";
import type { SessionView } from "@/lib/server/quiz-store";
import { AnswerPanel } from "./answer-panel";
import type { QuizMessages } from "./types";
import styles from "./quiz.module.css";

export type InterviewMessages = { [K in keyof typeof interview]: string };

function describeResponse(response: unknown): string {
  const value = response as Record<string, unknown>;
  switch (value.kind) {
    case "choice":
      return String(value.choice);
    case "segment":
      return `${value.flags} seq=${value.seq}${value.ack === null || value.ack === "" ? "" : ` ack=${value.ack}`}`;
    case "number":
      return String(value.value);
    case "order":
      return (value.order as string[]).join(" → ");
    case "self-grade":
      return String(value.text ?? "");
    default:
      return "";
  }
}

/** The score, then every mistake again with its explanation; for an interview, what to revise. */
export function SessionSummary({
  session,
  lang,
  messages,
  interviewMessages,
  timedOut,
}: {
  session: SessionView;
  lang: Language;
  messages: QuizMessages;
  interviewMessages: InterviewMessages;
  timedOut: boolean;
}) {
  const answered = session.questions.filter((q) => q.result);
  const score = answered.reduce((sum, q) => sum + (q.result?.score ?? 0), 0);
  const mistakes = answered.filter((q) => q.result && q.result.score < 1);
  const interviewMode = session.mode === "interview";
  const missedPoints = interviewMode
    ? answered.filter((q) => q.question.input === "self-grade" && q.result!.score < 1)
    : [];
  const wrongFollowUps = interviewMode ? answered.filter((q) => q.question.input !== "self-grade" && !q.result!.correct) : [];

  return (
    <section className="stack" data-testid="session-summary">
      {timedOut && <p className="verdict wrong">{interviewMessages.timeUp}</p>}
      <h2>{interviewMode ? interviewMessages.summaryTitle : messages.scoreTitle}</h2>
      <p className="stat" data-testid="session-score">
        {format(messages.score, { score: Math.round(score * 10) / 10, total: session.questions.length })}
      </p>

      {interviewMode ? (
        <div className="stack">
          <h3>{interviewMessages.revise}</h3>
          {missedPoints.length === 0 && wrongFollowUps.length === 0 ? <p>{interviewMessages.nothingToRevise}</p> : null}
          {missedPoints.length > 0 && (
            <div>
              <h4>{interviewMessages.missedPoints}</h4>
              <ul>
                {missedPoints.map((q) => (
                  <li key={q.position}>
                    <strong>{q.question.prompt[lang]}</strong> — {q.result!.feedback[lang]}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {wrongFollowUps.length > 0 && (
            <div>
              <h4>{interviewMessages.wrongFollowUps}</h4>
              <ul>
                {wrongFollowUps.map((q) => (
                  <li key={q.position}>{q.question.prompt[lang].split("\n")[0]}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      ) : null}

      <h3>{messages.mistakes}</h3>
      {mistakes.length === 0 ? <p>{messages.noMistakes}</p> : null}
      {mistakes.map((q) => (
        <details key={q.position} className={`card ${styles.mistake}`}>
          <summary>
            {q.position + 1}. {q.question.prompt[lang].split("\n")[0]}
          </summary>
          <p className="muted">
            {messages.yourResponse}: {describeResponse(q.result!.response) || "—"}
          </p>
          <AnswerPanel result={q.result!} lang={lang} messages={messages} />
        </details>
      ))}
      <div className="row">
        <Link className="button" href={interviewMode ? "/interview" : "/quiz"}>
          {interviewMode ? interviewMessages.again : messages.again}
        </Link>
        <Link className="button secondary" href="/progress">
          {messages.progressLink}
        </Link>
      </div>
    </section>
  );
}

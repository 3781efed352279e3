"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Language } from "@/lib/i18n/language";
import { format } from "@/lib/i18n/translate";
import type { LearnerResponse } from "@/lib/questions/check-answer";
import type { AnswerReply, SessionView } from "@/lib/server/quiz-store";
import { postAction } from "../post-action";
import { AnswerPanel } from "./answer-panel";
import { formatDate } from "./format-date";
import type { AttemptMessages } from "./start-attempt-form";
import { QuestionInput } from "./question-input";
import { SessionSummary, type InterviewMessages } from "./session-summary";
import { TraceView } from "./trace-view";
import type { QuizMessages } from "./types";
import styles from "./quiz.module.css";

/**
 * One question at a time: answer, see the verdict and the machine's trace,
 * go on (Enter or N). Interviews add a countdown and end when it runs out.
 * An attempt at a quiz counts down to the server's deadline; when the quiz
 * withholds results, an answer only says it was recorded, and the summary
 * waits until the server shows the results.
 */
export function SessionRunner({
  session: initial,
  lang,
  messages,
  interviewMessages,
  attemptMessages,
}: {
  session: SessionView;
  lang: Language;
  messages: QuizMessages;
  interviewMessages: InterviewMessages;
  attemptMessages: AttemptMessages;
}) {
  const [session, setSession] = useState(initial);
  const firstOpen = session.questions.findIndex((q) => !q.answered);
  const [current, setCurrent] = useState(firstOpen === -1 ? session.questions.length : firstOpen);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [timeUp, setTimeUp] = useState(false);
  const [finished, setFinished] = useState(Boolean(session.finishedAt) || firstOpen === -1);
  const heading = useRef<HTMLHeadingElement>(null);
  const entry = session.questions[current];
  const total = session.questions.length;

  const deadline = useMemo(() => {
    if (session.deadline) return new Date(session.deadline).getTime();
    return session.mode === "interview" && session.config.minutes ? new Date(session.createdAt).getTime() + session.config.minutes * 60_000 : null;
  }, [session]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline || finished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline, finished]);

  /** The session as the server shows it now: results appear only when the quiz's rules allow. */
  const reload = useCallback(async () => {
    const reply = await fetch(`/api/sessions/${session.id}`);
    if (reply.ok) setSession((await reply.json()) as SessionView);
  }, [session.id]);

  const finish = useCallback(async () => {
    setFinished(true);
    await fetch(`/api/sessions/${session.id}/finish`, { method: "POST" });
    await reload();
  }, [session.id, reload]);

  useEffect(() => {
    if (deadline && now >= deadline && !finished) void finish();
  }, [deadline, now, finished, finish]);

  useEffect(() => {
    heading.current?.focus();
  }, [current]);

  const submit = useCallback(
    async (response: LearnerResponse) => {
      if (!entry || busy) return;
      setBusy(true);
      setError(null);
      try {
        const reply = await postAction(`/api/sessions/${session.id}/answer`, { position: entry.position, response });
        const body = await reply.json();
        if (!reply.ok) {
          const refusal = (body as { code?: string }).code;
          if (refusal === "time-up" || refusal === "finished" || refusal === "closed") {
            // The server refused and ended the attempt: say why, and show what it shows now.
            setTimeUp(refusal === "time-up");
            setError(attemptMessages[`refused_${refusal}`]);
            setFinished(true);
            await reload();
            return;
          }
          setError(body.error ?? "error");
          return;
        }
        const answer = body as AnswerReply;
        const result = "recorded" in answer ? null : answer;
        setSession((previous) => ({
          ...previous,
          questions: previous.questions.map((q) => (q.position === entry.position ? { ...q, answered: true, result } : q)),
        }));
      } finally {
        setBusy(false);
      }
    },
    [entry, busy, session.id],
  );

  const advance = useCallback(() => {
    if (current + 1 >= total) void finish();
    else setCurrent(current + 1);
  }, [current, total, finish]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!entry?.answered || finished) return;
      const target = event.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (event.key === "Enter" || event.key.toLowerCase() === "n") {
        event.preventDefault();
        advance();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [entry, finished, advance]);

  const withheld =
    session.feedback === "after-close" && session.resultsAt
      ? format(attemptMessages.withheldAfterClose, { date: formatDate(session.resultsAt, lang) })
      : attemptMessages.withheldEnd;

  if (finished || !entry) {
    const timedOut = timeUp || Boolean(deadline && now >= deadline);
    if (!session.feedbackShown) {
      return (
        <section className="stack" data-testid="session-withheld">
          {timedOut ? <p className="verdict wrong" role="alert">{error ?? attemptMessages.timeUp}</p> : null}
          <h2>{attemptMessages.finishedWithheld}</h2>
          <p>{withheld}</p>
          <p className="muted">
            <Link href="/quiz">← {messages.title}</Link>
          </p>
        </section>
      );
    }
    return (
      <>
        {timeUp && error ? (
          <p className="verdict wrong" role="alert">
            {error}
          </p>
        ) : null}
        <SessionSummary session={session} lang={lang} messages={messages} interviewMessages={interviewMessages} timedOut={timedOut && !timeUp} />
      </>
    );
  }

  const remaining = deadline ? Math.max(0, Math.round((deadline - now) / 1000)) : null;
  const isFollowUp = session.mode === "interview" && entry.position % 2 === 1;

  return (
    <div className={styles.runner}>
      <div className={styles.progressRow}>
        <p>{format(messages.questionOf, { n: current + 1, total })}</p>
        <progress max={total} value={current} aria-label={format(messages.questionOf, { n: current + 1, total })} />
        {remaining !== null && (
          <p className={styles.timer} role="timer" aria-live="off" data-testid="time-left">
            {session.mode === "interview" ? interviewMessages.timeLeft : attemptMessages.timeLeft}: {Math.floor(remaining / 60)}:{String(remaining % 60).padStart(2, "0")}
          </p>
        )}
        {session.mode === "interview" && (
          <button type="button" className="button secondary" onClick={() => void finish()}>
            {interviewMessages.stop}
          </button>
        )}
      </div>

      {session.studentName ? (
        <p className="muted" data-testid="attempt-of">
          {format(attemptMessages.attemptOf, { name: session.studentName, n: session.attempt ?? 1 })}
        </p>
      ) : null}
      <article className="card" data-testid="question" data-kind={entry.question.kind} data-input={entry.question.input} data-position={entry.position}>
        {isFollowUp && <p className="badge">{interviewMessages.followUp}</p>}
        <h2 ref={heading} tabIndex={-1} className={styles.prompt}>
          {entry.question.prompt[lang]}
        </h2>
        {entry.question.trace?.blank && !entry.result ? <TraceView spec={entry.question.trace} lang={lang} title={messages.blankDiagram} /> : null}
        <QuestionInput key={entry.position} question={entry.question} lang={lang} messages={messages} disabled={busy || entry.answered} onSubmit={(response) => void submit(response)} />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </article>

      {entry.answered && (
        <>
          {entry.result ? (
            <AnswerPanel result={entry.result} lang={lang} messages={messages} />
          ) : (
            <p role="status" data-testid="answer-recorded">
              {attemptMessages.recorded} {withheld}
            </p>
          )}
          <button type="button" className="button" onClick={advance} autoFocus>
            {current + 1 >= total ? messages.finish : messages.next} <kbd>Enter</kbd>
          </button>
        </>
      )}
      <p className="muted">
        <Link href={session.mode === "interview" ? "/interview" : "/quiz"}>← {session.mode === "interview" ? interviewMessages.title : messages.title}</Link>
      </p>
    </div>
  );
}

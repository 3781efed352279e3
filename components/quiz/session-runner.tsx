"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Language } from "@/lib/i18n/language";
import { format } from "@/lib/i18n/translate";
import type { LearnerResponse } from "@/lib/questions/check-answer";
import type { AnswerView, SessionView } from "@/lib/server/quiz-store";
import { postAction } from "../post-action";
import { AnswerPanel } from "./answer-panel";
import { QuestionInput } from "./question-input";
import { SessionSummary, type InterviewMessages } from "./session-summary";
import { TraceView } from "./trace-view";
import type { QuizMessages } from "./types";
import styles from "./quiz.module.css";

/**
 * One question at a time: answer, see the verdict and the machine's trace,
 * go on (Enter or N). Interviews add a countdown and end when it runs out.
 */
export function SessionRunner({
  session: initial,
  lang,
  messages,
  interviewMessages,
}: {
  session: SessionView;
  lang: Language;
  messages: QuizMessages;
  interviewMessages: InterviewMessages;
}) {
  const [session, setSession] = useState(initial);
  const firstOpen = session.questions.findIndex((q) => !q.result);
  const [current, setCurrent] = useState(firstOpen === -1 ? session.questions.length : firstOpen);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [finished, setFinished] = useState(Boolean(session.finishedAt) || firstOpen === -1);
  const heading = useRef<HTMLHeadingElement>(null);
  const entry = session.questions[current];
  const total = session.questions.length;

  const deadline = useMemo(
    () => (session.mode === "interview" && session.config.minutes ? new Date(session.createdAt).getTime() + session.config.minutes * 60_000 : null),
    [session],
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline || finished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline, finished]);

  const finish = useCallback(async () => {
    setFinished(true);
    await fetch(`/api/sessions/${session.id}/finish`, { method: "POST" });
  }, [session.id]);

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
          setError(body.error ?? "error");
          return;
        }
        const result = body as AnswerView;
        setSession((previous) => ({
          ...previous,
          questions: previous.questions.map((q) => (q.position === entry.position ? { ...q, result } : q)),
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
      if (!entry?.result || finished) return;
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

  if (finished || !entry) {
    return <SessionSummary session={session} lang={lang} messages={messages} interviewMessages={interviewMessages} timedOut={Boolean(deadline && now >= deadline)} />;
  }

  const remaining = deadline ? Math.max(0, Math.round((deadline - now) / 1000)) : null;
  const isFollowUp = session.mode === "interview" && entry.position % 2 === 1;

  return (
    <div className={styles.runner}>
      <div className={styles.progressRow}>
        <p>{format(messages.questionOf, { n: current + 1, total })}</p>
        <progress max={total} value={current} aria-label={format(messages.questionOf, { n: current + 1, total })} />
        {remaining !== null && (
          <p className={styles.timer} role="timer" aria-live="off">
            {interviewMessages.timeLeft}: {Math.floor(remaining / 60)}:{String(remaining % 60).padStart(2, "0")}
          </p>
        )}
        {session.mode === "interview" && (
          <button type="button" className="button secondary" onClick={() => void finish()}>
            {interviewMessages.stop}
          </button>
        )}
      </div>

      <article className="card" data-testid="question" data-kind={entry.question.kind} data-input={entry.question.input} data-position={entry.position}>
        {isFollowUp && <p className="badge">{interviewMessages.followUp}</p>}
        <h2 ref={heading} tabIndex={-1} className={styles.prompt}>
          {entry.question.prompt[lang]}
        </h2>
        {entry.question.trace?.blank && !entry.result ? <TraceView spec={entry.question.trace} lang={lang} title={messages.blankDiagram} /> : null}
        <QuestionInput key={entry.position} question={entry.question} lang={lang} messages={messages} disabled={busy || Boolean(entry.result)} onSubmit={(response) => void submit(response)} />
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </article>

      {entry.result && (
        <>
          <AnswerPanel result={entry.result} lang={lang} messages={messages} />
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

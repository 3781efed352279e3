"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Language } from "@/lib/i18n/language";
import type { review } from "@/lib/i18n/messages/review";
import { format } from "@/lib/i18n/translate";
import type { ReviewStatus } from "@/lib/server/review-store";
import { MarkdownText } from "../markdown-text";
import { postAction } from "../post-action";
import styles from "./review.module.css";

type Messages = { [K in keyof typeof review]: string };
const GRADES = ["again", "hard", "good", "easy"] as const;
type Grade = (typeof GRADES)[number];

const tz = () => new Date().getTimezoneOffset();

/**
 * The review loop, driven from the keyboard: Space reveals, 1-4 grade,
 * Ctrl+Z (or Cmd+Z) takes the last grade back. The server schedules; this
 * component only shows and sends.
 */
export function ReviewSession({ lang, messages }: { lang: Language; messages: Messages }) {
  const [status, setStatus] = useState<ReviewStatus | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const revealButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async (request: Promise<Response>) => {
    setBusy(true);
    try {
      const response = await request;
      const body = await response.json();
      if (!response.ok) {
        setError(response.status === 409 ? messages.nothingToUndo : (body.error ?? messages.title));
        return false;
      }
      setError(null);
      setStatus(body as ReviewStatus);
      setRevealed(false);
      return true;
    } finally {
      setBusy(false);
    }
  }, [messages]);

  useEffect(() => {
    void load(fetch(`/api/review?tz=${tz()}`));
  }, [load]);

  useEffect(() => {
    if (status?.card && !revealed) revealButton.current?.focus();
  }, [status, revealed]);

  const grade = useCallback(
    async (choice: Grade) => {
      if (!status?.card || busy) return;
      const interval = status.card.intervals[choice];
      const ok = await load(postAction("/api/review/grade", { cardId: status.card.id, grade: choice, tz: tz() }));
      if (ok) setAnnouncement(format(messages.graded, { grade: messages[choice], interval }));
    },
    [status, busy, load, messages],
  );

  const undo = useCallback(async () => {
    if (busy) return;
    const ok = await load(postAction("/api/review/undo", { tz: tz() }));
    if (ok) setAnnouncement(messages.undone);
  }, [busy, load, messages]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || !status?.card) return;
      if (event.key === " " && !revealed) {
        event.preventDefault();
        setRevealed(true);
      } else if (revealed && ["1", "2", "3", "4"].includes(event.key)) {
        event.preventDefault();
        void grade(GRADES[Number(event.key) - 1]!);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [status, revealed, grade, undo]);

  if (!status) {
    return error ? (
      <p className="error-text" role="alert">
        {error}
      </p>
    ) : (
      <p aria-live="polite">…</p>
    );
  }
  const card = status.card;

  return (
    <div className={styles.session}>
      <dl className={styles.counts} aria-label={messages.title}>
        <div>
          <dt>{messages.dueNow}</dt>
          <dd data-testid="due-count">{status.dueNow}</dd>
        </div>
        <div>
          <dt>{messages.newLeft}</dt>
          <dd data-testid="new-count">{status.newLeft}</dd>
        </div>
        <div>
          <dt>{messages.reviewedToday}</dt>
          <dd data-testid="reviewed-count">{status.reviewedToday}</dd>
        </div>
      </dl>

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}

      {card ? (
        <article className={`card ${styles.flashcard}`} aria-labelledby="card-front" data-testid="flashcard" data-card-id={card.id}>
          <p className={styles.meta}>
            <span className="badge">
              {messages.deck}: {card.deckTitle[lang]}
            </span>
            {card.isNew && <span className="badge">{messages.newCard}</span>}
          </p>
          <h2 id="card-front" className="visually-hidden">
            {messages.front}
          </h2>
          <MarkdownText text={card.front[lang]} className={styles.front} />
          {revealed ? (
            <section aria-label={messages.back} className={styles.back} data-testid="card-back">
              <MarkdownText text={card.back[lang]} />
              {card.keyPoints && (
                <>
                  <h3>{messages.keyPoints}</h3>
                  <ul>
                    {card.keyPoints[lang].map((point) => (
                      <li key={point}>{point}</li>
                    ))}
                  </ul>
                </>
              )}
              <div role="group" aria-label={messages.gradeGroup} className={styles.grades}>
                {GRADES.map((choice, index) => (
                  <button key={choice} type="button" className={`${styles.grade} ${styles[choice]}`} onClick={() => void grade(choice)} disabled={busy}>
                    <span>
                      <kbd>{index + 1}</kbd> {messages[choice]}
                    </span>
                    <span className={styles.interval}>{card.intervals[choice]}</span>
                  </button>
                ))}
              </div>
            </section>
          ) : (
            <button ref={revealButton} type="button" className="button" onClick={() => setRevealed(true)}>
              {messages.reveal} <kbd>Space</kbd>
            </button>
          )}
        </article>
      ) : (
        <section className="card" data-testid="review-done">
          <h2>{messages.doneTitle}</h2>
          <p>
            {status.nextDueAt
              ? format(messages.doneNext, { time: new Date(status.nextDueAt).toLocaleString(lang === "zh" ? "zh-CN" : "en") })
              : messages.doneNone}
          </p>
          {status.newLeft === 0 && <p className="muted">{messages.doneNewLimit}</p>}
          <Link className="button" href="/quiz">
            {messages.takeQuiz}
          </Link>
        </section>
      )}

      <div className="row">
        <button type="button" className="button secondary" onClick={() => void undo()} disabled={busy}>
          {messages.undo} <kbd>Ctrl+Z</kbd>
        </button>
        <p className="muted">{messages.keysHint}</p>
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Language } from "@/lib/i18n/language";
import type { review } from "@/lib/i18n/messages/review";
import { format } from "@/lib/i18n/translate";
import type { GradeName } from "@/lib/srs/scheduler";
import { RichText } from "../rich-text";
import { useReviewQueue } from "./review-queue";
import styles from "./review.module.css";

type Messages = { [K in keyof typeof review]: string };
const GRADES = ["again", "hard", "good", "easy"] as const satisfies readonly GradeName[];

/**
 * The review loop, driven from the keyboard: Space reveals, 1-4 grade,
 * Ctrl+Z (or Cmd+Z) takes the last grade back. The server schedules; this
 * component shows the next card as soon as a grade is given, while
 * review-queue.ts sends it.
 */
export function ReviewSession({ lang, messages }: { lang: Language; messages: Messages }) {
  const { card, counts, error, saving, undoing, grade: send, undo: takeBack } = useReviewQueue(messages);
  // The card whose back is shown: another card (the next one, or one brought back) starts hidden.
  const [revealedId, setRevealedId] = useState<string | null>(null);
  const revealed = card !== null && revealedId === card.id;
  const [announcement, setAnnouncement] = useState("");
  const revealButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (card && !revealed) revealButton.current?.focus();
  }, [card, revealed]);

  const grade = useCallback(
    (choice: GradeName) => {
      if (!card) return;
      setRevealedId(null);
      send(card, choice);
      setAnnouncement(format(messages.graded, { grade: messages[choice], interval: card.intervals[choice] }));
    },
    [card, send, messages],
  );

  const undo = useCallback(async () => {
    if (undoing) return;
    setRevealedId(null);
    if (await takeBack()) setAnnouncement(messages.undone);
  }, [undoing, takeBack, messages]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || !card) return;
      if (event.key === " " && !revealed) {
        event.preventDefault();
        setRevealedId(card.id);
      } else if (revealed && ["1", "2", "3", "4"].includes(event.key)) {
        event.preventDefault();
        grade(GRADES[Number(event.key) - 1]!);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [card, revealed, grade, undo]);

  if (!counts) {
    return (
      <>
        <p aria-live="polite">…</p>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </>
    );
  }

  return (
    <div className={styles.session} data-saving={saving}>
      <dl className={styles.counts} aria-label={messages.title}>
        <div>
          <dt>{messages.dueNow}</dt>
          <dd data-testid="due-count">
            {counts.dueNow}
            {counts.dueNowCapped ? "+" : ""}
          </dd>
        </div>
        <div>
          <dt>{messages.newLeft}</dt>
          <dd data-testid="new-count">{counts.newLeft}</dd>
        </div>
        <div>
          <dt>{messages.reviewedToday}</dt>
          <dd data-testid="reviewed-count">{counts.reviewedToday}</dd>
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
          <RichText nodes={card.front[lang]} className={styles.front} />
          {revealed ? (
            <section aria-label={messages.back} className={styles.back} data-testid="card-back">
              <RichText nodes={card.back[lang]} />
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
                  <button key={choice} type="button" className={`${styles.grade} ${styles[choice]}`} onClick={() => grade(choice)}>
                    <span>
                      <kbd>{index + 1}</kbd> {messages[choice]}
                    </span>
                    <span className={styles.interval}>{card.intervals[choice]}</span>
                  </button>
                ))}
              </div>
            </section>
          ) : (
            <button ref={revealButton} type="button" className="button" onClick={() => setRevealedId(card.id)}>
              {messages.reveal} <kbd>Space</kbd>
            </button>
          )}
        </article>
      ) : saving ? (
        <p aria-live="polite">…</p>
      ) : (
        <section className="card" data-testid="review-done">
          <h2>{messages.doneTitle}</h2>
          <p>
            {counts.nextDueAt
              ? format(messages.doneNext, { time: new Date(counts.nextDueAt).toLocaleString(lang === "zh" ? "zh-CN" : "en") })
              : messages.doneNone}
          </p>
          {counts.newLeft === 0 && <p className="muted">{messages.doneNewLimit}</p>}
          <Link className="button" href="/quiz">
            {messages.takeQuiz}
          </Link>
        </section>
      )}

      <div className="row">
        <button type="button" className="button secondary" onClick={() => void undo()} disabled={undoing}>
          {messages.undo} <kbd>Ctrl+Z</kbd>
        </button>
        <p className="muted">{messages.keysHint}</p>
      </div>
    </div>
  );
}

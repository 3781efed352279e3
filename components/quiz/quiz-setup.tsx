"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { startSession } from "./start-session";
import type { QuizMessages } from "./types";
import styles from "./quiz.module.css";

const TOPICS = ["handshake", "close", "time-wait", "states", "seq-ack", "what-if"] as const;

/** Choose topics and length (or weak spots) and start; or start an instructor's quiz. */
export function QuizSetup({ messages }: { messages: QuizMessages }) {
  const router = useRouter();
  const [topics, setTopics] = useState<string[]>([]);
  const [length, setLength] = useState(10);
  const [weakSpots, setWeakSpots] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lengthId = useId();

  async function start() {
    setBusy(true);
    setError(null);
    const started = await startSession({ mode: "quiz", topics, length, weakSpots });
    if ("error" in started) {
      setBusy(false);
      setError(started.status === 400 ? messages.errorTopics : started.error);
      return;
    }
    router.push(`/quiz/${started.id}`);
  }

  return (
    <form
      className={`card ${styles.setup}`}
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <fieldset>
        <legend>{messages.topics}</legend>
        <p className="muted">{messages.topicsHint}</p>
        <div className={styles.topicGrid}>
          {TOPICS.map((topic) => (
            <label key={topic}>
              <input
                type="checkbox"
                name="topic"
                value={topic}
                checked={topics.includes(topic)}
                onChange={(event) => setTopics(event.target.checked ? [...topics, topic] : topics.filter((t) => t !== topic))}
              />
              {messages[`topic_${topic}` as keyof QuizMessages]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor={lengthId}>{messages.length}</label>
          <select id={lengthId} name="length" value={length} onChange={(event) => setLength(Number(event.target.value))}>
            {[5, 10, 15, 20, 30].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <label className={styles.checkRow}>
          <input type="checkbox" name="weakSpots" checked={weakSpots} onChange={(event) => setWeakSpots(event.target.checked)} />
          <span>
            {messages.weakSpots}
            <br />
            <small className="muted">{messages.weakSpotsHint}</small>
          </span>
        </label>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? messages.starting : messages.start}
        </button>
      </div>
    </form>
  );
}

/** Starts an instructor's quiz. */
export function StartQuizButton({ quizId, label, title }: { quizId: string; label: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      disabled={busy}
      aria-label={`${label}: ${title}`}
      onClick={async () => {
        setBusy(true);
        const started = await startSession({ mode: "quiz", quizId });
        if ("id" in started) router.push(`/quiz/${started.id}`);
        else setBusy(false);
      }}
    >
      {label}
    </button>
  );
}

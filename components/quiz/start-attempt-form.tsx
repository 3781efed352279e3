"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { postAction } from "../post-action";
import styles from "./quiz.module.css";

export type AttemptMessages = { [K in keyof typeof quizAttempts]: string };

/** The student's name and Start: the server makes the attempt (or says which rule refuses it) and the player opens. */
export function StartAttemptForm({ code, defaultName, messages }: { code: string; defaultName: string; messages: AttemptMessages }) {
  const router = useRouter();
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();
  const hintId = useId();

  async function start() {
    if (name.trim().length === 0 || name.trim().length > 60) {
      setError(messages.nameRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const reply = await postAction(`/api/q/${encodeURIComponent(code)}/attempts`, { name: name.trim() });
      const body = (await reply.json()) as { id?: string; code?: string; fields?: Record<string, string> };
      if (reply.ok && body.id) {
        router.push(`/quiz/${body.id}`);
        return;
      }
      setError(body.fields?.name ? messages.nameRequired : (messages[`refused_${body.code ?? "other"}` as keyof AttemptMessages] ?? messages.refused_other));
    } catch {
      setError(messages.refused_other);
    }
    setBusy(false);
  }

  return (
    <form
      className={`card ${styles.setup}`}
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <div className="field">
        <label htmlFor={nameId}>{messages.nameLabel}</label>
        <input
          id={nameId}
          name="name"
          required
          maxLength={60}
          autoComplete="name"
          aria-describedby={hintId}
          aria-invalid={error === messages.nameRequired}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <small id={hintId} className="muted">
          {messages.nameHint}
        </small>
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

"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import styles from "./settings.module.css";

export interface ProfileLabels {
  displayName: string;
  displayNameHint: string;
  newCardsPerDay: string;
  newCardsHint: string;
  save: string;
  saving: string;
  saved: string;
  errorDisplayName: string;
  errorNewCards: string;
  errorGeneric: string;
}

type Field = "displayName" | "newCardsPerDay";

/** Name and daily new cards, saved through POST /api/profile; the server's field errors are shown in the page's language. */
export function ProfileForm({ initial, labels }: { initial: { displayName: string | null; newCardsPerDay: number }; labels: ProfileLabels }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(initial.displayName ?? "");
  const [perDay, setPerDay] = useState(String(initial.newCardsPerDay));
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "failed">("idle");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus("saving");
    setErrors({});
    const trimmed = name.trim();
    const count = /^\s*\d+\s*$/.test(perDay) ? Number(perDay) : perDay;
    try {
      const response = await fetch("/api/profile", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ displayName: trimmed === "" ? null : trimmed, newCardsPerDay: count }),
      });
      if (response.ok) {
        setStatus("saved");
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { fields?: Record<string, string> };
      const found: Partial<Record<Field, string>> = {};
      if (body.fields?.displayName) found.displayName = labels.errorDisplayName;
      if (body.fields?.newCardsPerDay) found.newCardsPerDay = labels.errorNewCards;
      setErrors(found);
      setStatus("failed");
    } catch {
      setStatus("failed");
    }
  }

  const failedElsewhere = status === "failed" && !errors.displayName && !errors.newCardsPerDay;
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={`field ${styles.field}`}>
        <label htmlFor={`${id}-name`}>{labels.displayName}</label>
        <input
          id={`${id}-name`}
          name="displayName"
          value={name}
          maxLength={80}
          autoComplete="nickname"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={errors.displayName ? true : undefined}
          aria-describedby={`${id}-name-hint${errors.displayName ? ` ${id}-name-error` : ""}`}
        />
        <span id={`${id}-name-hint`} className={styles.hint}>
          {labels.displayNameHint}
        </span>
        {errors.displayName && (
          <p id={`${id}-name-error`} className={styles.error}>
            {errors.displayName}
          </p>
        )}
      </div>
      <div className={`field ${styles.field}`}>
        <label htmlFor={`${id}-cards`}>{labels.newCardsPerDay}</label>
        <input
          id={`${id}-cards`}
          name="newCardsPerDay"
          type="number"
          inputMode="numeric"
          min={0}
          max={200}
          step={1}
          value={perDay}
          onChange={(event) => setPerDay(event.target.value)}
          aria-invalid={errors.newCardsPerDay ? true : undefined}
          aria-describedby={`${id}-cards-hint${errors.newCardsPerDay ? ` ${id}-cards-error` : ""}`}
        />
        <span id={`${id}-cards-hint`} className={styles.hint}>
          {labels.newCardsHint}
        </span>
        {errors.newCardsPerDay && (
          <p id={`${id}-cards-error`} className={styles.error}>
            {errors.newCardsPerDay}
          </p>
        )}
      </div>
      <div className="row">
        <button type="submit" className="button" disabled={status === "saving"}>
          {status === "saving" ? labels.saving : labels.save}
        </button>
        <p role="status" className={`${styles.status} ${status === "saved" ? styles.ok : ""}`}>
          {status === "saved" ? labels.saved : failedElsewhere ? labels.errorGeneric : ""}
        </p>
      </div>
    </form>
  );
}

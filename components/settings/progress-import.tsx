"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { format } from "@/lib/i18n/translate";
import styles from "./settings.module.css";

export interface ImportLabels {
  file: string;
  button: string;
  importing: string;
  choose: string;
  done: string;
  added: string;
  unchanged: string;
  settings: string;
  notJson: string;
  invalid: string;
  tooLarge: string;
  moreProblems: string;
  errorGeneric: string;
  /** The profile fields an import can take from the file, by their API names. */
  settingNames: Record<string, string>;
}

interface ImportCounts {
  sessions: number;
  answers: number;
  reviews: number;
  cardStates: number;
}

type Outcome =
  | { kind: "done"; added: ImportCounts; updatedCardStates: number; unchanged: ImportCounts; settings: string[] }
  | { kind: "error"; message: string; problems: [string, string][] };

const SHOWN_PROBLEMS = 8;

/** Sends a chosen progress file to POST /api/progress/import and reports what was added, or which fields were wrong. */
export function ProgressImport({ labels }: { labels: ImportLabels }) {
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    if (!file) {
      setOutcome({ kind: "error", message: labels.choose, problems: [] });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        setOutcome({ kind: "error", message: labels.notJson, problems: [] });
        return;
      }
      const response = await fetch("/api/progress/import", { method: "POST", headers: { "content-type": "application/json" }, body: text });
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.ok) {
        setOutcome({ kind: "done", ...(body as Omit<Extract<Outcome, { kind: "done" }>, "kind">) });
        router.refresh();
      } else if (response.status === 413) {
        setOutcome({ kind: "error", message: labels.tooLarge, problems: [] });
      } else if (response.status === 400) {
        const fields = (body.fields ?? {}) as Record<string, string>;
        setOutcome({ kind: "error", message: labels.invalid, problems: Object.entries(fields) });
      } else {
        setOutcome({ kind: "error", message: labels.errorGeneric, problems: [] });
      }
    } catch {
      setOutcome({ kind: "error", message: labels.errorGeneric, problems: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-file`}>{labels.file}</label>
        <input id={`${id}-file`} className={styles.file} name="file" type="file" accept="application/json,.json" onChange={() => setOutcome(null)} />
      </div>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? labels.importing : labels.button}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {outcome?.kind === "done" && (
          <div className={`${styles.result} ${styles.resultOk}`}>
            <p className={styles.resultTitle}>{labels.done}</p>
            <p>
              {format(labels.added, {
                reviews: outcome.added.reviews,
                answers: outcome.added.answers,
                sessions: outcome.added.sessions,
                cards: outcome.added.cardStates,
                updated: outcome.updatedCardStates,
              })}
            </p>
            {Object.values(outcome.unchanged).some((n) => n > 0) && (
              <p>{format(labels.unchanged, { n: Object.values(outcome.unchanged).reduce((sum, n) => sum + n, 0) })}</p>
            )}
            {outcome.settings.length > 0 && <p>{format(labels.settings, { fields: outcome.settings.map((name) => labels.settingNames[name] ?? name).join(", ") })}</p>}
          </div>
        )}
        {outcome?.kind === "error" && (
          <div className={`${styles.result} ${styles.resultBad}`}>
            <p className={styles.resultTitle}>{outcome.message}</p>
            {outcome.problems.length > 0 && (
              <ul className={styles.problems}>
                {outcome.problems.slice(0, SHOWN_PROBLEMS).map(([path, message]) => (
                  <li key={path}>
                    <code>{path}</code>: {message}
                  </li>
                ))}
                {outcome.problems.length > SHOWN_PROBLEMS && <li>{format(labels.moreProblems, { n: outcome.problems.length - SHOWN_PROBLEMS })}</li>}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}

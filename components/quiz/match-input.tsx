"use client";

import { useState } from "react";
import type { InputProps } from "./types";
import styles from "./quiz.module.css";

/** Each state gets a meaning from a list; meanings are lettered so that they can be read aloud. */
export function MatchInput({ question, lang, messages, disabled, onSubmit }: InputProps) {
  const [pairs, setPairs] = useState<Record<string, string>>({});
  const targets = question.matchTargets ?? [];
  const letter = (index: number) => String.fromCharCode(65 + index);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ kind: "match", pairs });
      }}
    >
      <p className="muted">{messages.matchHint}</p>
      <ol className={styles.matchTargets} type="A">
        {targets.map((target) => (
          <li key={target.id}>{target.label[lang]}</li>
        ))}
      </ol>
      <div className={styles.matchRows}>
        {(question.choices ?? []).map((left) => (
          <label key={left.id} className={styles.matchRow}>
            <span className={styles.matchLeft}>{left.label[lang]}</span>
            <select value={pairs[left.id] ?? ""} onChange={(event) => setPairs({ ...pairs, [left.id]: event.target.value })} disabled={disabled} required>
              <option value="">{messages.choose}</option>
              {targets.map((target, index) => (
                <option key={target.id} value={target.id}>
                  {letter(index)}. {target.label[lang].slice(0, 48)}
                  {target.label[lang].length > 48 ? "…" : ""}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="submit" className="button" disabled={disabled}>
        {messages.submit}
      </button>
    </form>
  );
}

"use client";

import { useState } from "react";
import type { InputProps } from "./types";
import styles from "./quiz.module.css";

/** Answer in your own words first; only then the key points appear, to tick the ones covered. */
export function SelfGradeInput({ question, lang, messages, disabled, onSubmit }: InputProps) {
  const [text, setText] = useState("");
  const [comparing, setComparing] = useState(false);
  const [covered, setCovered] = useState<number[]>([]);
  const points = question.keyPoints?.[lang] ?? [];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!comparing) setComparing(true);
        else onSubmit({ kind: "self-grade", covered, text });
      }}
    >
      <label className="field">
        <span>{messages.yourAnswer}</span>
        <textarea className={styles.freeText} value={text} onChange={(e) => setText(e.target.value)} rows={5} disabled={disabled || comparing} maxLength={10_000} />
      </label>
      {comparing ? (
        <fieldset className={styles.keyPoints} disabled={disabled}>
          <legend>{messages.keyPointsCovered}</legend>
          {points.map((point, index) => (
            <label key={point} className={styles.keyPoint}>
              <input
                type="checkbox"
                checked={covered.includes(index)}
                onChange={(event) => setCovered(event.target.checked ? [...covered, index] : covered.filter((i) => i !== index))}
              />
              <span>{point}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="button" disabled={disabled}>
        {comparing ? messages.selfGrade : messages.showKeyPoints}
      </button>
    </form>
  );
}

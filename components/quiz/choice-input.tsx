"use client";

import { useEffect, useState } from "react";
import type { InputProps } from "./types";
import styles from "./quiz.module.css";

/** Radio choices: arrow keys move, 1–9 pick, Enter submits. */
export function ChoiceInput({ question, lang, messages, disabled, onSubmit }: InputProps) {
  const [choice, setChoice] = useState<string | null>(null);
  const choices = question.choices ?? [];

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (disabled || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ["TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (event.key === "Enter" && choice && !(target instanceof HTMLButtonElement) && !(target instanceof HTMLInputElement)) {
        // Enter submits from anywhere on the page, not only from inside the form.
        event.preventDefault();
        onSubmit({ kind: "choice", choice });
        return;
      }
      const index = Number(event.key) - 1;
      if (Number.isInteger(index) && index >= 0 && index < choices.length) {
        setChoice(choices[index]!.id);
        event.preventDefault();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [choices, disabled, choice, onSubmit]);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) onSubmit({ kind: "choice", choice });
      }}
    >
      <fieldset className={styles.choices} disabled={disabled}>
        <legend className="visually-hidden">{question.prompt[lang]}</legend>
        {choices.map((option, index) => (
          <label key={option.id} className={styles.choice} data-selected={choice === option.id}>
            <input type="radio" name="choice" value={option.id} checked={choice === option.id} onChange={() => setChoice(option.id)} />
            <kbd aria-hidden="true">{index + 1}</kbd>
            <span>{option.label[lang]}</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" className="button" disabled={disabled || !choice}>
          {messages.submit} <kbd>Enter</kbd>
        </button>
        <span className="muted">{messages.choiceKeys}</span>
      </div>
    </form>
  );
}

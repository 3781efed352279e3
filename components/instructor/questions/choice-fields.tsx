"use client";

import type { DraftQuestion, Text } from "../draft-types";
import { FieldProblems, TextField, useEditor, useFieldProblems } from "../editor-context";
import styles from "../instructor.module.css";

/** choice: bilingual choices, the right one marked. */
export function ChoiceFields({ path, question, onChange }: { path: string; question: DraftQuestion; onChange: (question: DraftQuestion) => void }) {
  const { m } = useEditor();
  const choices = question.choices ?? [];
  const answer = typeof question.answer === "number" ? question.answer : -1;
  const tie = useFieldProblems(`${path}.answer`);
  const setChoice = (index: number, text: Text) => onChange({ ...question, choices: choices.map((choice, at) => (at === index ? text : choice)) });
  const removeChoice = (index: number) =>
    onChange({ ...question, choices: choices.filter((_, at) => at !== index), answer: answer > index ? answer - 1 : answer === index ? 0 : answer });
  return (
    <fieldset aria-describedby={tie["aria-describedby"]}>
      <legend>{m.choices}</legend>
      <FieldProblems path={`${path}.choices`} />
      {choices.map((choice, index) => (
        <div key={index} className={styles.choiceRow}>
          <label>
            <input type="radio" name={`${path}-answer`} checked={answer === index} onChange={() => onChange({ ...question, answer: index })} /> {m.rightChoice} ({index + 1})
          </label>
          <TextField path={`${path}.choices.${index}.zh`} label={`${m.choiceN.replace("{n}", String(index + 1))} · 中文`} value={choice.zh} onChange={(zh) => setChoice(index, { ...choice, zh })} />
          <TextField path={`${path}.choices.${index}.en`} label={`${m.choiceN.replace("{n}", String(index + 1))} · English`} value={choice.en} onChange={(en) => setChoice(index, { ...choice, en })} />
          <button type="button" className="button secondary" onClick={() => removeChoice(index)} aria-label={`${m.remove}: ${m.choiceN.replace("{n}", String(index + 1))}`}>
            {m.remove}
          </button>
        </div>
      ))}
      <FieldProblems path={`${path}.answer`} />
      <button type="button" className="button secondary" onClick={() => onChange({ ...question, choices: [...choices, { zh: "", en: "" }] })}>
        {m.addChoice}
      </button>
    </fieldset>
  );
}

"use client";

import { questionOfType, type DraftQuestion } from "./draft-types";
import { BilingualFields, FieldProblems, SelectField, TextField, useEditor } from "./editor-context";
import styles from "./instructor.module.css";
import { ChoiceFields } from "./questions/choice-fields";
import { FreeTextFields } from "./questions/free-text-fields";
import { StatesFields } from "./questions/states-fields";
import { TransitionFields } from "./questions/transition-fields";
import { TrueFalseFields } from "./questions/true-false-fields";

export const QUESTION_TYPES = ["next-state", "sends", "states", "choice", "true-false", "free-text"] as const;

/** One fixed question: what every type has, then its type's own fields; move and remove. */
export function QuestionEditor({ index, count, question, onChange, onMove, onRemove }: {
  index: number;
  count: number;
  question: DraftQuestion;
  onChange: (question: DraftQuestion) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { m } = useEditor();
  const path = `questions.${index}`;
  const heading = m.questionN.replace("{n}", String(index + 1));
  const typeFields = { path, question, onChange };
  return (
    <section className="card stack" aria-labelledby={`${path}-heading`}>
      <h3 id={`${path}-heading`}>{heading}</h3>
      <FieldProblems path={path} />
      <div className={styles.fields}>
        <SelectField
          path={`${path}.type`}
          label={m.questionType}
          value={question.type}
          options={QUESTION_TYPES.map((type) => ({ value: type, label: m[`type_${type}`] }))}
          onChange={(type) => onChange(questionOfType(type, question))}
        />
        <TextField path={`${path}.id`} label={m.questionId} value={question.id} onChange={(id) => onChange({ ...question, id })} />
      </div>
      <BilingualFields path={`${path}.prompt`} labels={{ zh: m.promptZh, en: m.promptEn }} value={question.prompt} multiline onChange={(prompt) => onChange({ ...question, prompt })} />
      {(question.type === "next-state" || question.type === "sends") && <TransitionFields {...typeFields} />}
      {question.type === "states" && <StatesFields {...typeFields} />}
      {question.type === "choice" && <ChoiceFields {...typeFields} />}
      {question.type === "true-false" && <TrueFalseFields {...typeFields} />}
      {question.type === "free-text" && <FreeTextFields {...typeFields} />}
      <BilingualFields
        path={`${path}.explanation`}
        labels={{ zh: m.explanationZh, en: m.explanationEn }}
        value={question.explanation}
        multiline
        onChange={(explanation) => onChange({ ...question, explanation })}
      />
      <div className="row">
        <button type="button" className="button secondary" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`${m.moveUp}: ${heading}`}>
          {m.moveUp}
        </button>
        <button type="button" className="button secondary" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`${m.moveDown}: ${heading}`}>
          {m.moveDown}
        </button>
        <button type="button" className="button secondary" onClick={onRemove} aria-label={`${m.remove}: ${heading}`}>
          {m.remove}
        </button>
      </div>
    </section>
  );
}

"use client";

import type { DraftQuestion } from "../draft-types";
import { FieldProblems, useEditor, useFieldProblems } from "../editor-context";

/** true-false: the answer (its claim, when the file has one, is kept and checked as written). */
export function TrueFalseFields({ path, question, onChange }: { path: string; question: DraftQuestion; onChange: (question: DraftQuestion) => void }) {
  const { m } = useEditor();
  const tie = useFieldProblems(`${path}.answer`);
  return (
    <div>
      <label>
        <input {...tie} type="checkbox" checked={question.answer === true} onChange={(event) => onChange({ ...question, answer: event.target.checked })} /> {m.answerTrue}
      </label>
      <FieldProblems path={`${path}.answer`} />
      <FieldProblems path={`${path}.claim`} />
    </div>
  );
}

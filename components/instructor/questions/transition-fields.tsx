"use client";

import type { DraftQuestion } from "../draft-types";
import { SelectField, TextField, useEditor } from "../editor-context";

/** next-state and sends: a state and an event from the machine, and the answer (a state, or the segment sent). */
export function TransitionFields({ path, question, onChange }: { path: string; question: DraftQuestion; onChange: (question: DraftQuestion) => void }) {
  const { m, options } = useEditor();
  const states = options.states.map((state) => ({ value: state, label: state }));
  return (
    <>
      <SelectField path={`${path}.state`} label={m.state} value={question.state ?? ""} options={states} onChange={(state) => onChange({ ...question, state })} />
      <SelectField
        path={`${path}.event`}
        label={m.event}
        value={question.event ?? ""}
        options={options.events.map((event) => ({ value: event, label: event }))}
        onChange={(event) => onChange({ ...question, event })}
      />
      {question.type === "next-state" ? (
        <SelectField path={`${path}.answer`} label={m.answerState} value={String(question.answer ?? "")} options={states} onChange={(answer) => onChange({ ...question, answer })} />
      ) : (
        <TextField path={`${path}.answer`} label={m.answerSends} value={String(question.answer ?? "")} onChange={(answer) => onChange({ ...question, answer })} />
      )}
    </>
  );
}

"use client";

import type { DraftQuestion } from "../draft-types";
import { SelectField, useEditor } from "../editor-context";
import { ListField } from "../list-field";

/** states: a scenario of the simulator, a side, lost segments, and the states that side passes through. */
export function StatesFields({ path, question, onChange }: { path: string; question: DraftQuestion; onChange: (question: DraftQuestion) => void }) {
  const { m, options } = useEditor();
  return (
    <>
      <SelectField
        path={`${path}.scenario`}
        label={m.scenario}
        value={question.scenario ?? ""}
        options={options.scenarios.map((name) => ({ value: name, label: name }))}
        onChange={(scenario) => onChange({ ...question, scenario })}
      />
      <SelectField
        path={`${path}.side`}
        label={m.side}
        value={question.side ?? "client"}
        options={[
          { value: "client", label: m.side_client },
          { value: "server", label: m.side_server },
        ]}
        onChange={(side) => onChange({ ...question, side })}
      />
      <ListField
        path={`${path}.lose`}
        label={m.lose}
        value={question.lose ?? []}
        onChange={(items) => {
          const { lose: _dropped, ...rest } = question;
          onChange(items.length > 0 ? { ...rest, lose: items.map((item) => (/^\d+$/.test(item) ? Number(item) : (item as unknown as number))) } : rest);
        }}
      />
      <ListField path={`${path}.answer`} label={m.answerStates} value={Array.isArray(question.answer) ? (question.answer as string[]) : []} onChange={(answer) => onChange({ ...question, answer })} />
    </>
  );
}

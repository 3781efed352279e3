"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { instructorBuilder } from "@/lib/i18n/messages/instructor-builder";
import type { ProblemMap } from "./draft-types";
import styles from "./instructor.module.css";

export type BuilderMessages = { [K in keyof typeof instructorBuilder]: string };

export interface EditorOptions {
  states: readonly string[];
  events: readonly string[];
  scenarios: readonly string[];
  kinds: readonly string[];
  topics: readonly string[];
  profiles: readonly string[];
  /** Labels of kinds and topics in the page's language. */
  labels: Record<string, string>;
}

interface EditorContextValue {
  m: BuilderMessages;
  problems: ProblemMap;
  options: EditorOptions;
}

const EditorContext = createContext<EditorContextValue | null>(null);

export function EditorProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditor outside the quiz editor");
  return value;
}

/** An id for a field from its path; its problem text's id is derived from it. */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, "-")}`;
const problemId = (path: string) => `p-${path.replace(/[^\w-]/g, "-")}`;

/** Props a field takes to be tied to its problems: aria-invalid and aria-describedby. */
export function useFieldProblems(path: string) {
  const { problems } = useEditor();
  const list = problems.get(path) ?? [];
  return { id: fieldId(path), "aria-invalid": list.length > 0 || undefined, "aria-describedby": list.length > 0 ? problemId(path) : undefined };
}

/** The problems at `path`, beside their field. */
export function FieldProblems({ path }: { path: string }) {
  const { problems } = useEditor();
  const list = problems.get(path) ?? [];
  if (list.length === 0) return null;
  return (
    <p id={problemId(path)} className={styles.problem} data-problem-path={path}>
      {list.join(" · ")}
    </p>
  );
}

export function TextField({ path, label, value, onChange, multiline = false, type = "text", inputMode }: {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  type?: "text" | "number" | "datetime-local";
  inputMode?: "numeric";
}) {
  const tie = useFieldProblems(path);
  return (
    <div className="field">
      <label htmlFor={tie.id}>{label}</label>
      {multiline ? (
        <textarea {...tie} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...tie} type={type} inputMode={inputMode} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
      <FieldProblems path={path} />
    </div>
  );
}

export function SelectField({ path, label, value, options, onChange }: {
  path: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { m } = useEditor();
  const tie = useFieldProblems(path);
  const known = options.some((option) => option.value === value);
  return (
    <div className="field">
      <label htmlFor={tie.id}>{label}</label>
      <select {...tie} value={value} onChange={(event) => onChange(event.target.value)}>
        {!known && <option value={value}>{value === "" ? m.choose : value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldProblems path={path} />
    </div>
  );
}

/** Both languages of one text, side by side. */
export function BilingualFields({ path, labels, value, onChange, multiline = false }: {
  path: string;
  labels: { zh: string; en: string };
  value: { zh: string; en: string } | undefined;
  onChange: (value: { zh: string; en: string }) => void;
  multiline?: boolean;
}) {
  const text = value ?? { zh: "", en: "" };
  return (
    <>
      <FieldProblems path={path} />
      <TextField path={`${path}.zh`} label={labels.zh} value={text.zh} multiline={multiline} onChange={(zh) => onChange({ ...text, zh })} />
      <TextField path={`${path}.en`} label={labels.en} value={text.en} multiline={multiline} onChange={(en) => onChange({ ...text, en })} />
    </>
  );
}

/** A list as comma-separated text (state sequences, lost segments). */
export function splitList(text: string): string[] {
  return text
    .split(/[,，\s]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

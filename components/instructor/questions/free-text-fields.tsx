"use client";

import type { DraftQuestion } from "../draft-types";
import { FieldProblems, useEditor } from "../editor-context";
import { LinesField } from "../list-field";

/** free-text: the key points a self-graded answer should make, in both languages. */
export function FreeTextFields({ path, question, onChange }: { path: string; question: DraftQuestion; onChange: (question: DraftQuestion) => void }) {
  const { m } = useEditor();
  const points = question.keyPoints ?? { zh: [], en: [] };
  return (
    <>
      <FieldProblems path={`${path}.keyPoints`} />
      <LinesField path={`${path}.keyPoints.zh`} label={m.keyPointsZh} value={points.zh} onChange={(zh) => onChange({ ...question, keyPoints: { ...points, zh } })} />
      <LinesField path={`${path}.keyPoints.en`} label={m.keyPointsEn} value={points.en} onChange={(en) => onChange({ ...question, keyPoints: { ...points, en } })} />
    </>
  );
}

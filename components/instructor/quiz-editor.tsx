"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { CaptureSlotsEditor, type CaptureMessages } from "./capture-slots-editor";
import { newQuestion, toDraft, type CaptureChoice, type Draft, type DraftCaptureSlot, type DraftQuestion, type DraftSlot, type ProblemMap } from "./draft-types";
import { BilingualFields, EditorProvider, TextField, type BuilderMessages, type EditorOptions } from "./editor-context";
import styles from "./instructor.module.css";
import { QuestionEditor } from "./question-editor";
import { SettingsEditor } from "./settings-editor";
import { SlotEditor } from "./slot-editor";

interface Problem {
  path: string;
  message: string;
}

/** How long typing pauses before the draft is checked. */
const CHECK_DELAY_MS = 400;

function problemMap(problems: readonly Problem[]): ProblemMap {
  const map: ProblemMap = new Map();
  for (const problem of problems) map.set(problem.path, [...(map.get(problem.path) ?? []), problem.message]);
  return map;
}

async function send(url: string, method: "POST" | "PUT", body: unknown): Promise<{ ok: boolean; status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, status: response.status, json };
}

/**
 * The quiz editor: the draft in the page, checked by the server a moment
 * after each change (the same checks a quiz file gets, in the page's
 * language), saved on demand, published only without problems.
 */
export function QuizEditor({ quizId, initial, initialProblems, live, lang, m, options, captureChoices, c }: {
  quizId: string;
  initial: Record<string, unknown>;
  initialProblems: Problem[];
  live: boolean;
  lang: "zh" | "en";
  m: BuilderMessages;
  options: EditorOptions;
  /** The samples and the instructor's uploads a capture slot can name. */
  captureChoices: { samples: CaptureChoice[]; uploads: CaptureChoice[] };
  c: CaptureMessages;
}) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [problems, setProblems] = useState<Problem[]>(initialProblems);
  const [checking, setChecking] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);
  const api = `/api/instructor/quizzes/${encodeURIComponent(quizId)}`;

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const controller = new AbortController();
    setChecking(true);
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`${api}/check`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ definition: draft, lang }),
          signal: controller.signal,
        });
        if (response.ok) setProblems(((await response.json()) as { problems: Problem[] }).problems);
      } catch {
        // Aborted by the next change, or offline: the next change checks again.
      } finally {
        if (!controller.signal.aborted) setChecking(false);
      }
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, api, lang]);

  const update = (next: Draft) => {
    setDraft(next);
    setDirty(true);
  };
  const setQuestions = (questions: DraftQuestion[]) => update({ ...draft, questions });
  const setSlots = (generated: DraftSlot[]) => update({ ...draft, generated });
  const setCaptureSlots = (captures: DraftCaptureSlot[]) => {
    const { captures: _dropped, ...rest } = draft;
    update(captures.length > 0 ? { ...rest, captures } : (rest as Draft));
  };
  const context = useMemo(() => ({ m, options, problems: problemMap(problems) }), [m, options, problems]);

  async function save(): Promise<boolean> {
    const reply = await send(api, "PUT", { definition: draft });
    if (!reply.ok) {
      setError(String(reply.json.error ?? reply.status));
      return false;
    }
    setDirty(false);
    return true;
  }

  async function run(name: string, action: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  }

  const publish = () =>
    run("publish", async () => {
      if (!(await save())) return;
      const reply = await send(`${api}/publish`, "POST", {});
      if (reply.status === 409 && Array.isArray(reply.json.problems)) setProblems(reply.json.problems as Problem[]);
      else if (!reply.ok) setError(String(reply.json.error ?? reply.status));
      router.refresh();
    });
  const unpublish = () =>
    run("unpublish", async () => {
      const reply = await send(`${api}/unpublish`, "POST", {});
      if (!reply.ok) setError(String(reply.json.error ?? reply.status));
      router.refresh();
    });
  const preview = () =>
    run("preview", async () => {
      if (await save()) router.push(`/instructor/quizzes/${encodeURIComponent(quizId)}/preview`);
    });

  const blocked = problems.length > 0 || checking;
  return (
    <EditorProvider value={context}>
      <div className="stack">
        <section className="card stack" aria-labelledby="basics">
          <h2 id="basics">{m.basics}</h2>
          <TextField path="id" label={m.quizId} value={draft.id} onChange={(id) => update({ ...draft, id })} />
          <BilingualFields path="title" labels={{ zh: m.titleZh, en: m.titleEn }} value={draft.title} onChange={(title) => update({ ...draft, title })} />
          <BilingualFields
            path="description"
            labels={{ zh: m.descriptionZh, en: m.descriptionEn }}
            value={draft.description}
            multiline
            onChange={(description) => update({ ...draft, description })}
          />
        </section>

        <h2>{m.questions}</h2>
        {draft.questions.map((question, index) => (
          <QuestionEditor
            key={`${index}:${question.id}:${question.type}`}
            index={index}
            count={draft.questions.length}
            question={question}
            onChange={(next) => setQuestions(draft.questions.map((item, at) => (at === index ? next : item)))}
            onMove={(by) => {
              const next = [...draft.questions];
              [next[index], next[index + by]] = [next[index + by]!, next[index]!];
              setQuestions(next);
            }}
            onRemove={() => setQuestions(draft.questions.filter((_, at) => at !== index))}
          />
        ))}
        <button type="button" className="button secondary" onClick={() => setQuestions([...draft.questions, newQuestion(draft.questions)])}>
          {m.addQuestion}
        </button>

        <h2>{m.generated}</h2>
        <p className="muted">{m.generatedHint}</p>
        {draft.generated.map((slot, index) => (
          <SlotEditor
            key={index}
            index={index}
            slot={slot}
            onChange={(next) => setSlots(draft.generated.map((item, at) => (at === index ? next : item)))}
            onRemove={() => setSlots(draft.generated.filter((_, at) => at !== index))}
          />
        ))}
        <button type="button" className="button secondary" onClick={() => setSlots([...draft.generated, { count: 5 }])}>
          {m.addSlot}
        </button>

        <CaptureSlotsEditor slots={draft.captures ?? []} onChange={setCaptureSlots} initialChoices={captureChoices} c={c} />

        <section className="card" aria-labelledby="rules">
          <h2 id="rules">{m.settings}</h2>
          <SettingsEditor
            settings={draft.settings ?? {}}
            onChange={(settings) => {
              const { settings: _dropped, ...rest } = draft;
              update(Object.keys(settings).length > 0 ? { ...rest, settings } : (rest as Draft));
            }}
          />
        </section>

        <section aria-labelledby="problems" aria-live="polite">
          <h2 id="problems">{m.problemsTitle}</h2>
          {checking ? (
            <p className="muted">{m.checking}</p>
          ) : problems.length === 0 ? (
            <p className={styles.ok}>{m.noProblems}</p>
          ) : (
            <div className={styles.problems}>
              <p>{m.problemCount.replace("{n}", String(problems.length))}</p>
              <ul>
                {problems.map((problem, index) => (
                  <li key={index}>
                    <code>{problem.path || m.whole}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <div className={styles.toolbar}>
          <button type="button" className="button" disabled={busy !== null} onClick={() => run("save", async () => void (await save()))}>
            {busy === "save" ? m.saving : m.save}
          </button>
          <span className="muted" aria-live="polite">
            {dirty ? m.unsaved : m.saved}
          </span>
          <button type="button" className="button" disabled={busy !== null || blocked} aria-describedby="publish-note" onClick={publish}>
            {live ? m.republish : m.publish}
          </button>
          {live && (
            <button type="button" className="button secondary" disabled={busy !== null} onClick={unpublish}>
              {m.unpublish}
            </button>
          )}
          <button type="button" className="button secondary" disabled={busy !== null} onClick={preview}>
            {m.preview}
          </button>
          <a className="button secondary" href={`${api}/download`} download>
            {m.download}
          </a>
          <a className="button secondary" href={`${api}/export?format=gift`} download title={m.exportHint}>
            {m.exportGift}
          </a>
          <a className="button secondary" href={`${api}/export?format=moodle-xml`} download title={m.exportHint}>
            {m.exportMoodleXml}
          </a>
          <span id="publish-note" className="muted">
            {problems.length > 0 ? m.publishBlocked : m.publishSaves}
          </span>
          {error && (
            <span role="alert" className="error-text">
              {m.failed.replace("{error}", error)}
            </span>
          )}
        </div>
      </div>
    </EditorProvider>
  );
}

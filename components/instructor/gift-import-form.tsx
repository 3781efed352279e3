"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { Language } from "@/lib/i18n/language";

type Messages = Record<"file" | "fileLang" | "lang_zh" | "lang_en" | "importButton" | "importing" | "chooseFile" | "imported" | "openImported" | "nothingImported" | "skippedTitle" | "notesTitle" | "failed", string>;

interface Outcome {
  id: string | null;
  skipped: { line: number; message: string }[];
  notes: { line: number; message: string }[];
  fileName: string;
}

/** Reads a GIFT file in the browser and sends its text to the import API; shows what was skipped, by line, and a link to the new draft. */
export function GiftImportForm({ lang, m }: { lang: Language; m: Messages }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("gift") as HTMLInputElement).files?.[0];
    if (!file) return setError(m.chooseFile);
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const text = await file.text();
      const response = await fetch("/api/instructor/quizzes/import", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ format: "gift", fileName: file.name, text, lang: (form.elements.namedItem("lang") as HTMLSelectElement).value }),
      });
      const reply = (await response.json().catch(() => ({}))) as Partial<Outcome> & { error?: string; fields?: Record<string, string> };
      if (response.status === 201 || response.status === 422) {
        setOutcome({ id: reply.id ?? null, skipped: reply.skipped ?? [], notes: reply.notes ?? [], fileName: file.name });
      } else {
        setError(m.failed.replace("{error}", reply.fields ? Object.values(reply.fields).join("; ") : (reply.error ?? String(response.status))));
      }
    } catch (failure) {
      setError(m.failed.replace("{error}", failure instanceof Error ? failure.message : String(failure)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit}>
      <div className="row">
        <label htmlFor={`${id}-file`}>{m.file}</label>
        <input id={`${id}-file`} name="gift" type="file" accept=".gift,.txt,text/plain" />
        <label htmlFor={`${id}-lang`}>{m.fileLang}</label>
        <select id={`${id}-lang`} name="lang" defaultValue={lang}>
          <option value="zh">{m.lang_zh}</option>
          <option value="en">{m.lang_en}</option>
        </select>
        <button type="submit" className="button secondary" disabled={busy}>
          {busy ? m.importing : m.importButton}
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="gift-import-outcome">
        {error && <p className="error-text">{error}</p>}
        {outcome && (
          <>
            {outcome.id ? (
              <p>
                {m.imported} <Link href={`/instructor/quizzes/${encodeURIComponent(outcome.id)}`}>{m.openImported}</Link>
              </p>
            ) : (
              <p className="error-text">{m.nothingImported}</p>
            )}
            {outcome.skipped.length > 0 && <MessageList title={m.skippedTitle} fileName={outcome.fileName} messages={outcome.skipped} />}
            {outcome.notes.length > 0 && <MessageList title={m.notesTitle} fileName={outcome.fileName} messages={outcome.notes} />}
          </>
        )}
      </div>
    </form>
  );
}

function MessageList({ title, fileName, messages }: { title: string; fileName: string; messages: { line: number; message: string }[] }) {
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {messages.map((entry, index) => (
          <li key={index}>
            <code>
              {fileName}:{entry.line}
            </code>
            : {entry.message}
          </li>
        ))}
      </ul>
    </>
  );
}

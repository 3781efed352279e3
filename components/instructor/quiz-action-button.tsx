"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export interface QuizAction {
  url: string;
  body: unknown;
  /** Open the editor of the quiz the answer names ({id}); otherwise refresh the page. */
  open?: boolean;
}

/** One POST to the builder's API (new, duplicate, copy, archive), then the editor or a refreshed list. */
export function QuizActionButton({ action, label, busyLabel, failedLabel, secondary = false }: { action: QuizAction; label: string; busyLabel: string; failedLabel: string; secondary?: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className={secondary ? "button secondary" : "button"}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const response = await fetch(action.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(action.body) });
            const reply = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
            if (!response.ok) throw new Error(reply.error ?? String(response.status));
            if (action.open && reply.id) router.push(`/instructor/quizzes/${encodeURIComponent(reply.id)}`);
            else router.refresh();
          } catch (failure) {
            setError(failedLabel.replace("{error}", failure instanceof Error ? failure.message : String(failure)));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? busyLabel : label}
      </button>
      {error ? (
        <span role="alert" className="error-text">
          {" "}
          {error}
        </span>
      ) : null}
    </span>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { InterviewMessages } from "./session-summary";
import { startSession } from "./start-session";

/** Pick a duration and a number of questions, then the clock starts. */
export function InterviewSetup({ messages }: { messages: InterviewMessages }) {
  const router = useRouter();
  const [minutes, setMinutes] = useState(15);
  const [length, setLength] = useState(6);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const minutesId = useId();
  const lengthId = useId();
  return (
    <form
      className="card stack"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const started = await startSession({ mode: "interview", minutes, length });
        if ("id" in started) router.push(`/interview/${started.id}`);
        else {
          setError(started.error);
          setBusy(false);
        }
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={minutesId}>{messages.minutes}</label>
          <select id={minutesId} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))} name="minutes">
            {[5, 10, 15, 20, 30].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={lengthId}>{messages.rounds}</label>
          <select id={lengthId} value={length} onChange={(event) => setLength(Number(event.target.value))} name="length">
            {[4, 6, 8, 10].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {messages.start}
        </button>
      </div>
    </form>
  );
}

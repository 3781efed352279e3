"use client";

import { useEffect, useState } from "react";
import { isoToLocal, localToIso, type DraftSettings } from "./draft-types";
import { FieldProblems, SelectField, TextField, useEditor } from "./editor-context";
import styles from "./instructor.module.css";

const FEEDBACK = ["each", "end", "after-close"] as const;

/** Settings with an absent value left out, as a quiz file leaves it out. */
function set(settings: DraftSettings, key: keyof DraftSettings, value: unknown): DraftSettings {
  const { [key]: _dropped, ...rest } = settings;
  return value === undefined || value === "" || (typeof value === "number" && Number.isNaN(value)) ? rest : { ...rest, [key]: value };
}

const numberOrUndefined = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** The quiz's rules: seed, shuffle, time limit, attempts, feedback, opening and closing dates (in this browser's zone). */
export function SettingsEditor({ settings, onChange }: { settings: DraftSettings; onChange: (settings: DraftSettings) => void }) {
  const { m } = useEditor();
  const perStudent = settings.seed === "per-student";
  // The zone is the browser's: known only after hydration.
  const [zone, setZone] = useState("");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <div className="stack">
      <FieldProblems path="settings" />
      <fieldset>
        <legend>{m.seedMode}</legend>
        <div className={styles.checks}>
          <label>
            <input type="radio" name="seed-mode" checked={!perStudent} onChange={() => onChange(set(settings, "seed", 1))} /> {m.seedShared}
          </label>
          <label>
            <input type="radio" name="seed-mode" checked={perStudent} onChange={() => onChange(set(settings, "seed", "per-student"))} /> {m.seedPerStudent}
          </label>
        </div>
        {!perStudent && (
          <TextField
            path="settings.seed"
            label={m.seedValue}
            type="number"
            inputMode="numeric"
            value={typeof settings.seed === "number" ? String(settings.seed) : ""}
            onChange={(text) => onChange(set(settings, "seed", numberOrUndefined(text)))}
          />
        )}
        {perStudent && <FieldProblems path="settings.seed" />}
      </fieldset>
      <label>
        <input type="checkbox" checked={settings.shuffle === true} onChange={(event) => onChange(set(settings, "shuffle", event.target.checked || undefined))} /> {m.shuffle}
      </label>
      <FieldProblems path="settings.shuffle" />
      <div className={styles.fields}>
        <TextField
          path="settings.timeLimitMinutes"
          label={m.timeLimit}
          type="number"
          inputMode="numeric"
          value={settings.timeLimitMinutes === undefined ? "" : String(settings.timeLimitMinutes)}
          onChange={(text) => onChange(set(settings, "timeLimitMinutes", numberOrUndefined(text)))}
        />
        <TextField
          path="settings.attempts"
          label={m.attempts}
          type="number"
          inputMode="numeric"
          value={settings.attempts === undefined ? "" : String(settings.attempts)}
          onChange={(text) => onChange(set(settings, "attempts", numberOrUndefined(text)))}
        />
        <SelectField
          path="settings.feedback"
          label={m.feedback}
          value={settings.feedback ?? "each"}
          options={FEEDBACK.map((value) => ({ value, label: m[`feedback_${value}`] }))}
          onChange={(value) => onChange(set(settings, "feedback", value === "each" ? undefined : value))}
        />
        <TextField path="settings.opens" label={m.opens} type="datetime-local" value={isoToLocal(settings.opens)} onChange={(text) => onChange(set(settings, "opens", localToIso(text)))} />
        <TextField path="settings.closes" label={m.closes} type="datetime-local" value={isoToLocal(settings.closes)} onChange={(text) => onChange(set(settings, "closes", localToIso(text)))} />
      </div>
      {zone && <p className="muted">{m.timeZoneHint.replace("{zone}", zone)}</p>}
    </div>
  );
}

"use client";

import { useState } from "react";
import type { instructorCaptures } from "@/lib/i18n/messages/instructor-captures";
import type { CaptureChoice, DraftCaptureSlot } from "./draft-types";
import { FieldProblems, SelectField, useFieldProblems } from "./editor-context";
import { CountAndProfileFields } from "./count-and-profile-fields";
import styles from "./instructor.module.css";

export type CaptureMessages = { [K in keyof typeof instructorCaptures]: string };

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));

/**
 * "From a capture": slots of questions drawn from one connection of a
 * sample or an uploaded capture, with the upload control beside them. The
 * server replays each capture to list its connections; the draft check
 * reports a connection with too few questions like any other slot.
 */
export function CaptureSlotsEditor({ slots, onChange, initialChoices, c }: {
  slots: DraftCaptureSlot[];
  onChange: (slots: DraftCaptureSlot[]) => void;
  initialChoices: { samples: CaptureChoice[]; uploads: CaptureChoice[] };
  c: CaptureMessages;
}) {
  const [choices, setChoices] = useState(initialChoices);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const all = [...choices.samples, ...choices.uploads];
  const first = choices.samples[0]?.capture ?? choices.uploads[0]?.capture ?? "";

  async function uploadFile(file: File) {
    setBusy(true);
    setStatus({ error: false, text: c.uploading });
    try {
      const response = await fetch("/api/instructor/captures", {
        method: "POST",
        headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(file.name.slice(0, 200)) },
        body: file,
      });
      const json = (await response.json().catch(() => ({}))) as { error?: string } & Partial<CaptureChoice>;
      if (!response.ok || !json.capture) {
        setStatus({ error: true, text: fill(c.uploadFailed, { error: json.error ?? String(response.status) }) });
        return;
      }
      const added = json as CaptureChoice;
      setChoices((current) => ({ ...current, uploads: [added, ...current.uploads] }));
      setStatus({ error: false, text: fill(c.uploaded, { name: added.name, n: added.connections.length }) });
      onChange([...slots, { capture: added.capture, connection: 1, count: 3 }]);
    } catch (failure) {
      setStatus({ error: true, text: fill(c.uploadFailed, { error: failure instanceof Error ? failure.message : String(failure) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="captures-heading">
      <h2 id="captures-heading">{c.sectionTitle}</h2>
      <p className="muted">{c.sectionHint}</p>
      {slots.map((slot, index) => (
        <CaptureSlotEditor
          key={index}
          index={index}
          slot={slot}
          choices={choices}
          all={all}
          c={c}
          onChange={(next) => onChange(slots.map((item, at) => (at === index ? next : item)))}
          onRemove={() => onChange(slots.filter((_, at) => at !== index))}
        />
      ))}
      <div className={styles.actions}>
        <button type="button" className="button secondary" disabled={first === ""} onClick={() => onChange([...slots, { capture: first, connection: 1, count: 3 }])}>
          {c.addSlot}
        </button>
      </div>
      <div className="field">
        <label htmlFor="capture-upload">{c.uploadLabel}</label>
        <input
          id="capture-upload"
          type="file"
          accept=".pcap,.pcapng,.cap"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) void uploadFile(file);
          }}
        />
        <p role="status" className={status?.error ? "error-text" : "muted"} data-testid="capture-upload-status">
          {status?.text ?? ""}
        </p>
      </div>
    </section>
  );
}

function CaptureSlotEditor({ index, slot, choices, all, c, onChange, onRemove }: {
  index: number;
  slot: DraftCaptureSlot;
  choices: { samples: CaptureChoice[]; uploads: CaptureChoice[] };
  all: CaptureChoice[];
  c: CaptureMessages;
  onChange: (slot: DraftCaptureSlot) => void;
  onRemove: () => void;
}) {
  const path = `captures.${index}`;
  const heading = fill(c.slotN, { n: index + 1 });
  const tie = useFieldProblems(`${path}.capture`);
  const chosen = all.find((choice) => choice.capture === slot.capture);
  const connections = chosen?.connections ?? [];
  const connection = slot.connection ?? 1;
  return (
    <section className="card stack" aria-labelledby={`${path}-heading`}>
      <h3 id={`${path}-heading`}>{heading}</h3>
      <FieldProblems path={path} />
      <div className={styles.fields}>
        <div className="field">
          <label htmlFor={tie.id}>{c.capture}</label>
          <select {...tie} value={slot.capture} onChange={(event) => onChange({ ...slot, capture: event.target.value, connection: 1 })}>
            {!chosen && <option value={slot.capture}>{fill(c.unknownCapture, { name: slot.capture })}</option>}
            <optgroup label={c.samplesGroup}>
              {choices.samples.map((choice) => (
                <option key={choice.capture} value={choice.capture}>
                  {choice.name}
                </option>
              ))}
            </optgroup>
            {choices.uploads.length > 0 && (
              <optgroup label={c.uploadsGroup}>
                {choices.uploads.map((choice) => (
                  <option key={choice.capture} value={choice.capture}>
                    {choice.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <FieldProblems path={`${path}.capture`} />
        </div>
        <SelectField
          path={`${path}.connection`}
          label={c.connection}
          value={String(connection)}
          options={connections.map((item) => ({ value: String(item.connection), label: fill(c.connectionLabel, { n: item.connection, client: item.client, server: item.server, segments: item.segments }) }))}
          onChange={(value) => onChange({ ...slot, connection: Number(value) })}
        />
        <CountAndProfileFields path={path} slot={slot} defaultProfile="linux" labels={c} onChange={onChange} />
      </div>
      {connections.length === 0 && chosen && <p className="muted">{c.noConnections}</p>}
      <button type="button" className="button secondary" onClick={onRemove} aria-label={`${c.remove}: ${heading}`}>
        {c.remove}
      </button>
    </section>
  );
}

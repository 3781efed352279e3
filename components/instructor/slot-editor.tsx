"use client";

import type { DraftSlot } from "./draft-types";
import { FieldProblems, useEditor } from "./editor-context";
import { CountAndProfileFields } from "./count-and-profile-fields";
import styles from "./instructor.module.css";

function toggled(list: readonly string[] | undefined, item: string, on: boolean): string[] | undefined {
  const next = on ? [...(list ?? []), item] : (list ?? []).filter((entry) => entry !== item);
  return next.length > 0 ? next : undefined;
}

function withList(slot: DraftSlot, key: "kinds" | "topics", list: string[] | undefined): DraftSlot {
  const { [key]: _dropped, ...rest } = slot;
  return list ? { ...rest, [key]: list } : rest;
}

/** One generated slot: how many, of which kinds and topics, on which profile's machine. */
export function SlotEditor({ index, slot, onChange, onRemove }: { index: number; slot: DraftSlot; onChange: (slot: DraftSlot) => void; onRemove: () => void }) {
  const { m, options } = useEditor();
  const path = `generated.${index}`;
  const heading = m.slotN.replace("{n}", String(index + 1));
  const checks = (key: "kinds" | "topics", items: readonly string[], legend: string) => (
    <fieldset>
      <legend>{legend}</legend>
      <div className={styles.checks}>
        {items.map((item) => (
          <label key={item}>
            <input type="checkbox" checked={slot[key]?.includes(item) ?? false} onChange={(event) => onChange(withList(slot, key, toggled(slot[key], item, event.target.checked)))} />
            {options.labels[`${key}:${item}`] ?? item}
          </label>
        ))}
      </div>
      <FieldProblems path={`${path}.${key}`} />
    </fieldset>
  );
  return (
    <section className="card stack" aria-labelledby={`${path}-heading`}>
      <h3 id={`${path}-heading`}>{heading}</h3>
      <FieldProblems path={path} />
      <div className={styles.fields}>
        <CountAndProfileFields path={path} slot={slot} defaultProfile="rfc9293" labels={m} onChange={onChange} />
      </div>
      {checks("kinds", options.kinds, m.kinds)}
      {checks("topics", options.topics, m.topics)}
      <button type="button" className="button secondary" onClick={onRemove} aria-label={`${m.remove}: ${heading}`}>
        {m.remove}
      </button>
    </section>
  );
}

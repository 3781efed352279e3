"use client";

import { SelectField, TextField, useEditor } from "./editor-context";

/** A draft's slot: the profile is whatever the form holds, checked with the rest of the draft. */
interface Slot {
  count: number;
  profile?: string;
}

/**
 * A slot's question count and the profile its questions are answered by,
 * shared by generated slots (RFC 9293 unless told) and capture slots (Linux
 * unless told). The default profile is left out of the draft, as the file
 * format leaves it out.
 */
export function CountAndProfileFields<S extends Slot>({
  path,
  slot,
  defaultProfile,
  labels,
  onChange,
}: {
  path: string;
  slot: S;
  defaultProfile: string;
  labels: { count: string; profile: string };
  onChange: (slot: S) => void;
}) {
  const { options } = useEditor();
  return (
    <>
      <TextField
        path={`${path}.count`}
        label={labels.count}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(slot.count) ? String(slot.count) : ""}
        onChange={(count) => onChange({ ...slot, count: count === "" ? Number.NaN : Number(count) })}
      />
      <SelectField
        path={`${path}.profile`}
        label={labels.profile}
        value={slot.profile ?? defaultProfile}
        options={options.profiles.map((profile) => ({ value: profile, label: options.labels[`profile:${profile}`] ?? profile }))}
        onChange={(profile) => {
          const { profile: _dropped, ...rest } = slot;
          onChange((profile === defaultProfile ? rest : { ...rest, profile }) as S);
        }}
      />
    </>
  );
}

"use client";

import { useState } from "react";
import { splitList, TextField } from "./editor-context";

/** A list typed as comma-separated text; the text is kept as typed, the list sent on. */
export function ListField({ path, label, value, onChange }: { path: string; label: string; value: readonly (string | number)[]; onChange: (items: string[]) => void }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <TextField
      path={path}
      label={label}
      value={text}
      onChange={(typed) => {
        setText(typed);
        onChange(splitList(typed));
      }}
    />
  );
}

/** Lines of a textarea as a list (key points). */
export function LinesField({ path, label, value, onChange }: { path: string; label: string; value: readonly string[]; onChange: (items: string[]) => void }) {
  const [text, setText] = useState(value.join("\n"));
  return (
    <TextField
      path={path}
      label={label}
      value={text}
      multiline
      onChange={(typed) => {
        setText(typed);
        onChange(typed.split("\n").map((line) => line.trim()).filter((line) => line.length > 0));
      }}
    />
  );
}

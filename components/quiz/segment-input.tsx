"use client";

import { useState } from "react";
import type { InputProps } from "./types";
import styles from "./quiz.module.css";

/** Flags, seq and ack typed in: numbers are checked exactly, flags in any order. */
export function SegmentInput({ messages, disabled, onSubmit }: InputProps) {
  const [flags, setFlags] = useState("");
  const [seq, setSeq] = useState("");
  const [ack, setAck] = useState("");
  return (
    <form
      className={styles.segmentForm}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ kind: "segment", flags, seq: seq.trim(), ack: ack.trim() === "" ? null : ack.trim() });
      }}
    >
      <label className="field">
        <span>{messages.flags}</span>
        <input name="flags" value={flags} onChange={(e) => setFlags(e.target.value)} placeholder="SYN+ACK" autoComplete="off" disabled={disabled} required />
      </label>
      <label className="field">
        <span>{messages.seq}</span>
        <input name="seq" value={seq} onChange={(e) => setSeq(e.target.value)} inputMode="numeric" pattern="\d*" autoComplete="off" disabled={disabled} required />
      </label>
      <label className="field">
        <span>{messages.ack}</span>
        <input name="ack" value={ack} onChange={(e) => setAck(e.target.value)} inputMode="numeric" pattern="\d*" autoComplete="off" disabled={disabled} />
      </label>
      <button type="submit" className="button" disabled={disabled}>
        {messages.submit} <kbd>Enter</kbd>
      </button>
    </form>
  );
}

export function NumberInput({ messages, disabled, onSubmit }: InputProps) {
  const [value, setValue] = useState("");
  return (
    <form
      className="row"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ kind: "number", value: value.trim() });
      }}
    >
      <label className="field">
        <span>{messages.number}</span>
        <input name="number" value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" pattern="\d*" autoComplete="off" disabled={disabled} required />
      </label>
      <button type="submit" className="button" disabled={disabled}>
        {messages.submit} <kbd>Enter</kbd>
      </button>
    </form>
  );
}

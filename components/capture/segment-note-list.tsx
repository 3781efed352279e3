import type { SegmentNote } from "@/lib/capture/replay-connection";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import styles from "./capture.module.css";

/** The replay's notes on one segment: what it is (a retransmission, a loss...), why, and the rule that says so. */
export function SegmentNoteList({ notes, lang }: { notes: readonly SegmentNote[]; lang: Language }) {
  return (
    <ul className={styles.noteList}>
      {notes.map((note, position) => (
        <li key={position} className={styles.note} data-kind={note.kind}>
          <strong>{capture[`noteKind_${note.kind}`][lang]}</strong> {note[lang]}{" "}
          <span className={styles.rule}>{format(capture.noteRule[lang], { rule: note.rule })}</span>
        </li>
      ))}
    </ul>
  );
}

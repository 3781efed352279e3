import type { ConnectionReplay, ReplayedSegment } from "@/lib/capture/replay-connection";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import { stepSegments } from "@/lib/learn/capture-view";
import { SegmentNoteList } from "./segment-note-list";
import styles from "./capture.module.css";

/** Beyond this many segments the list keeps only those with notes and the step's own: a long connection stays readable. */
const FULL_LIST_LIMIT = 200;

/**
 * Every segment of the connection as the capture has it, with the replay's
 * notes: the copies and losses no step of the trace draws (a duplicate, a
 * segment never received) are read here. The step's own segments are marked.
 */
export function CaptureSegmentList({ replay, step, lang }: { replay: ConnectionReplay; step: number; lang: Language }) {
  const t = (key: keyof typeof capture) => capture[key][lang];
  const current = new Set(stepSegments(replay, step - 1).map((entry) => entry.segment.n));
  const whole = replay.segments.length <= FULL_LIST_LIMIT;
  const shown = whole ? replay.segments : replay.segments.filter((segment) => segment.notes.length > 0 || current.has(segment.n));
  return (
    <section className={`${styles.panel} ${styles.segmentPane}`} aria-labelledby="segments-heading" data-testid="capture-segments">
      <h2 id="segments-heading" className={styles.subheading}>
        {t("segmentsHeading")}
      </h2>
      {!whole && <p className={styles.hint}>{format(t("segmentsShortened"), { shown: shown.length, total: replay.segments.length })}</p>}
      <ol className={styles.segmentList}>
        {shown.map((segment) => (
          <li
            key={segment.n}
            className={styles.segmentItem}
            data-current={current.has(segment.n)}
            {...(current.has(segment.n) ? { "aria-current": "step" as const } : {})}
            data-testid="segment-row"
            data-segment={segment.n}
          >
            <p className={styles.segmentLine}>{segmentLine(segment, lang)}</p>
            {segment.notes.length > 0 && (
              <SegmentNoteList notes={segment.notes} lang={lang} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "#5 (frame 5) → ACK seq=1 ack=1 len=0": relative numbers, as Wireshark shows them. */
export function segmentLine(segment: ReplayedSegment, lang: Language): string {
  return format(capture.segmentLine[lang], {
    n: segment.n,
    frame: segment.frame,
    arrow: segment.from === "client" ? "→" : "←",
    flags: segment.flags,
    seq: segment.seq,
    ack: segment.ack === null ? "" : ` ack=${segment.ack}`,
    len: segment.len,
  });
}

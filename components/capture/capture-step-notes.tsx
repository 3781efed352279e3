import type { ConnectionReplay } from "@/lib/capture/replay-connection";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import { stepSegments } from "@/lib/learn/capture-view";
import { PROFILES } from "@/lib/tcp";
import { segmentLine } from "./capture-segment-list";
import { SegmentNoteList } from "./segment-note-list";
import styles from "./capture.module.css";

/**
 * What the capture says about the step on screen: each segment it sent,
 * received or lost as the file has it (relative numbers), with the replay's
 * notes on it (a retransmission, a duplicate, a loss...) and their rule; and,
 * past the end of the capture, that only the profile's timer tells.
 */
export function CaptureStepNotes({ replay, step, lang }: { replay: ConnectionReplay; step: number; lang: Language }) {
  const t = (key: keyof typeof capture) => capture[key][lang];
  const index = step - 1;
  if (index < 0) return null;
  const timed = index >= replay.timedFrom;
  const touched = stepSegments(replay, index);
  return (
    <div className={styles.stepNotes} data-testid="capture-step-notes">
      {timed && (
        <p className={styles.timerOnly} data-testid="timer-only">
          <span aria-hidden="true">⏱ </span>
          {format(t("timerOnly"), { profile: PROFILES[replay.trace.profile].label[lang] })}
        </p>
      )}
      {touched.length > 0 && (
        <>
          <h3 className={styles.subheading}>{t("segmentNotesHeading")}</h3>
          <ul className={styles.segmentList}>
            {touched.map(({ role, segment }) => (
              <li key={`${role}-${segment.n}`} data-testid="captured-segment" data-role={role} data-segment={segment.n}>
                <p className={styles.segmentLine}>
                  <span className="badge">{t(`segmentRole_${role}`)}</span>{" "}
                  {segmentLine(segment, lang)}
                </p>
                {segment.notes.length === 0 ? (
                  <p className={styles.hint}>{t("noNotes")}</p>
                ) : (
                  <SegmentNoteList notes={segment.notes} lang={lang} />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

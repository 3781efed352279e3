import type { CaptureReplay } from "@/lib/capture/replay-capture";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { format } from "@/lib/i18n/translate";
import { summariseSkipped } from "@/lib/learn/capture-view";
import styles from "./capture.module.css";

/** What the reader found in the file: its format, link types, frames, segments and what it skipped (by reason). */
export function CaptureFacts({ name, replay, segments, lang }: { name: string; replay: CaptureReplay; segments: number; lang: Language }) {
  const t = (key: keyof typeof capture) => capture[key][lang];
  const skipped = summariseSkipped(replay.skipped);
  const rows: [string, string, string][] = [
    ["file", t("fileName"), name],
    ["format", t("format"), replay.format],
    ["link-types", t("linkTypes"), replay.linkTypes.join(", ")],
    ["frames", t("frames"), String(replay.frames)],
    ["segments", t("segments"), String(segments)],
    ["connections", t("connectionsCount"), String(replay.connections.length)],
    [
      "skipped",
      t("skipped"),
      skipped.length === 0 ? t("skippedNone") : skipped.map((entry) => format(t("skippedReason"), { reason: entry.reason, count: entry.count })).join("; "),
    ],
  ];
  return (
    <section className={styles.panel} aria-labelledby="facts-heading" data-testid="capture-facts">
      <h2 id="facts-heading" className={styles.heading}>
        {t("factsHeading")}
      </h2>
      <dl className={styles.facts}>
        {rows.map(([key, term, value]) => (
          <div key={key} className={styles.fact}>
            <dt>{term}</dt>
            <dd data-testid={`fact-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

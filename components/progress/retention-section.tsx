import { BarChart, BarLegend } from "@/components/charts/bar-chart";
import { formatDay, formatPercent } from "@/lib/i18n/format-day";
import type { Language } from "@/lib/i18n/language";
import { progress } from "@/lib/i18n/messages/progress";
import { format, inLanguage } from "@/lib/i18n/translate";
import type { ProgressReport } from "@/lib/progress/progress-report";
import styles from "./progress.module.css";

/** The FSRS scheduler aims at 90% recall (request_retention in lib/srs/scheduler.ts). */
const TARGET = 0.9;

export function RetentionSection({ retention, lang }: { retention: ProgressReport["retention"]; lang: Language }) {
  const t = inLanguage(progress, lang);
  const { last30Days, weekly } = retention;
  const measured = weekly.filter((week) => week.retention !== null);
  const reviews = measured.reduce((sum, week) => sum + week.reviews, 0);
  const recalled = measured.reduce((sum, week) => sum + week.recalled, 0);
  const summary =
    measured.length > 0
      ? format(t.retentionSummary, { weeks: weekly.length, active: measured.length, pct: formatPercent(recalled / reviews, lang) })
      : format(t.retentionSummaryNone, { weeks: weekly.length });
  const weekText = (week: (typeof weekly)[number]) =>
    week.retention === null ? t.noReviews : format(t.accuracyValue, { pct: formatPercent(week.retention, lang), correct: week.recalled, attempts: week.reviews });
  return (
    <section className={`card ${styles.section}`} aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t.retentionTitle}</h2>
      <p className={styles.summary}>{t.retentionExplain}</p>
      {last30Days.retention === null ? (
        <p>{t.retentionNone}</p>
      ) : (
        <p className={styles.retention}>
          <span>{t.retention30}</span>
          <span className="stat">{formatPercent(last30Days.retention, lang)}</span>
          <span className="muted">{format(t.retentionCount, { recalled: last30Days.recalled, reviews: last30Days.reviews })}</span>
        </p>
      )}
      {measured.length > 0 && (
        <>
          <h3>{t.retentionWeekly}</h3>
          <p className={styles.summary}>{summary}</p>
          <BarChart
            id="retention"
            dense
            summary={`${t.retentionWeekly}. ${summary}`}
            bars={weekly.map((week, i) => {
              const date = formatDay(week.weekStart, lang);
              return {
                key: week.weekStart,
                tick: i % 2 === weekly.length % 2 ? "" : date,
                title:
                  week.retention === null
                    ? format(t.retentionWeekNone, { week: date })
                    : format(t.retentionWeek, { week: date, pct: formatPercent(week.retention, lang), recalled: week.recalled, reviews: week.reviews }),
                value: week.retention,
                label: week.retention === null ? "" : formatPercent(week.retention, lang),
              };
            })}
            gridlines={[0, 0.5, 1].map((value) => ({ value, label: formatPercent(value, lang) }))}
            reference={{ value: TARGET, label: t.retentionTarget }}
            table={{
              caption: t.retentionWeekly,
              headers: [t.colWeek, t.colRetention],
              rows: weekly.map((week) => [formatDay(week.weekStart, lang, "long"), weekText(week)]),
            }}
            legend={<BarLegend items={[{ label: t.retentionWeekly, kind: "bar" }, { label: t.retentionTarget, kind: "reference" }]} />}
          />
        </>
      )}
    </section>
  );
}

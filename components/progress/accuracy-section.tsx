import Link from "next/link";
import { HorizontalBars } from "@/components/charts/horizontal-bars";
import { formatPercent } from "@/lib/i18n/format-day";
import type { Language } from "@/lib/i18n/language";
import { progress, topicNames } from "@/lib/i18n/messages/progress";
import { format, inLanguage } from "@/lib/i18n/translate";
import { parseTransitionKey, type Accuracy } from "@/lib/progress/accuracy";
import styles from "./progress.module.css";

function valueText(entry: Accuracy, template: string, lang: Language): string {
  return format(template, { pct: formatPercent(entry.accuracy, lang), correct: entry.correct, attempts: entry.attempts });
}

function topicName(topic: string, lang: Language): string {
  return topic in topicNames ? topicNames[topic as keyof typeof topicNames][lang] : topic;
}

export function AccuracySection({ byTopic, byState, weakest, lang }: { byTopic: Accuracy[]; byState: Accuracy[]; weakest: Accuracy[]; lang: Language }) {
  const t = inLanguage(progress, lang);
  if (byTopic.length === 0 && byState.length === 0) {
    return (
      <section className={`card ${styles.section}`} aria-labelledby="accuracy-heading">
        <h2 id="accuracy-heading">{t.topicTitle}</h2>
        <p>{t.accuracyEmpty}</p>
        <Link className="button secondary" href="/quiz">
          {t.startQuiz}
        </Link>
      </section>
    );
  }
  return (
    <>
      <div className={styles.columns}>
        <section className={`card ${styles.section}`} aria-labelledby="topic-heading">
          <h2 id="topic-heading">{t.topicTitle}</h2>
          <HorizontalBars
            label={t.topicTitle}
            bars={byTopic.map((entry) => ({ key: entry.key, label: topicName(entry.key, lang), ratio: entry.accuracy, valueText: valueText(entry, t.accuracyValue, lang) }))}
          />
        </section>
        <section className={`card ${styles.section}`} aria-labelledby="state-heading">
          <h2 id="state-heading">{t.stateTitle}</h2>
          <p className={styles.summary}>{t.stateExplain}</p>
          <HorizontalBars
            label={t.stateTitle}
            bars={byState.map((entry) => ({ key: entry.key, label: <code>{entry.key}</code>, ratio: entry.accuracy, valueText: valueText(entry, t.accuracyValue, lang) }))}
          />
        </section>
      </div>
      <section className={`card ${styles.section}`} aria-labelledby="weakest-heading">
        <h2 id="weakest-heading">{t.weakestTitle}</h2>
        <p className={styles.summary}>{t.weakestExplain}</p>
        {weakest.length === 0 ? (
          <p>{t.weakestEmpty}</p>
        ) : (
          <HorizontalBars
            label={t.weakestTitle}
            bars={weakest.map((entry) => {
              const transition = parseTransitionKey(entry.key);
              return {
                key: entry.key,
                label: (
                  <span className={styles.transition}>
                    <code>{transition?.state ?? entry.key}</code> <span className={styles.event}>+ {transition?.event}</span>
                  </span>
                ),
                ratio: entry.accuracy,
                valueText: valueText(entry, t.accuracyValue, lang),
              };
            })}
          />
        )}
        <p className={styles.details}>
          <Link href="/quiz">{t.practise}</Link>
        </p>
      </section>
    </>
  );
}

import type { Language } from "@/lib/i18n/language";
import { formatPercent } from "@/lib/i18n/format-day";
import { progress } from "@/lib/i18n/messages/progress";
import { format, inLanguage } from "@/lib/i18n/translate";
import type { ProgressReport } from "@/lib/progress/progress-report";
import styles from "./progress.module.css";

export function ProgressStats({ report, lang }: { report: ProgressReport; lang: Language }) {
  const t = inLanguage(progress, lang);
  const { streaks, totals, calendar } = report;
  const todayActive = calendar.days.at(-1);
  const studiedToday = todayActive ? todayActive.reviews + todayActive.answers > 0 : false;
  const days = (n: number) => (n === 1 ? t.dayUnit : t.daysUnit);
  const number = new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en");
  return (
    <dl className={styles.stats} aria-label={t.statsLabel}>
      <div className="card">
        <dt>{t.currentStreak}</dt>
        <dd>
          <span className="stat">{streaks.current}</span>{" "}
          <span className={styles.unit}>{days(streaks.current)}</span>
          {streaks.current > 0 && !studiedToday && <span className={styles.sub}>{t.streakKeep}</span>}
        </dd>
      </div>
      <div className="card">
        <dt>{t.longestStreak}</dt>
        <dd>
          <span className="stat">{streaks.longest}</span>{" "}
          <span className={styles.unit}>{days(streaks.longest)}</span>
        </dd>
      </div>
      <div className="card">
        <dt>{t.cardsStudied}</dt>
        <dd className="stat">{number.format(totals.cardsStudied)}</dd>
      </div>
      <div className="card">
        <dt>{t.reviews}</dt>
        <dd className="stat">{number.format(totals.reviews)}</dd>
      </div>
      <div className="card">
        <dt>{t.answers}</dt>
        <dd className="stat">{number.format(totals.answers)}</dd>
      </div>
      <div className="card">
        <dt>{t.accuracy}</dt>
        <dd>
          <span className="stat">{totals.accuracy === null ? t.noneYet : formatPercent(totals.accuracy, lang)}</span>
          {totals.accuracy !== null && (
            <span className={styles.sub}>{format(t.accuracyOf, { correct: totals.correctAnswers, answers: totals.answers })}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

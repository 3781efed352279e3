import { BarChart, BarLegend } from "@/components/charts/bar-chart";
import { niceTicks } from "@/components/charts/nice-ticks";
import { formatDay } from "@/lib/i18n/format-day";
import type { Language } from "@/lib/i18n/language";
import { progress } from "@/lib/i18n/messages/progress";
import { format, inLanguage } from "@/lib/i18n/translate";
import type { ForecastDay } from "@/lib/progress/forecast";
import styles from "./progress.module.css";

export function DueForecast({ forecast, lang }: { forecast: ForecastDay[]; lang: Language }) {
  const t = inLanguage(progress, lang);
  const total = (days: number) => forecast.slice(0, days).reduce((sum, day) => sum + day.due, 0);
  const today = forecast[0] ?? { due: 0, overdue: 0 };
  const max = Math.max(0, ...forecast.map((day) => day.due));
  const count = (day: ForecastDay) => {
    const cards = format(day.due === 1 ? t.cardsOne : t.cardsMany, { n: day.due });
    return day.overdue > 0 ? format(t.withOverdue, { cards, overdue: day.overdue }) : cards;
  };
  const date = (day: ForecastDay, i: number) => (i === 0 ? `${t.today}, ${formatDay(day.day, lang, "long")}` : formatDay(day.day, lang, "long"));
  const summary = format(today.overdue > 0 ? t.forecastSummaryOverdue : t.forecastSummary, { today: today.due, overdue: today.overdue, week: total(7), month: total(30) });
  return (
    <section className={`card ${styles.section}`} aria-labelledby="forecast-heading">
      <h2 id="forecast-heading">{t.forecastTitle}</h2>
      {max === 0 ? (
        <p className={styles.summary}>{t.forecastEmpty}</p>
      ) : (
        <>
          <p className={styles.summary}>{summary}</p>
          <BarChart
            id="forecast"
            dense
            summary={`${t.forecastTitle}. ${summary}`}
            bars={forecast.map((day, i) => ({
              key: day.day,
              tick: i === 0 ? t.today : i % 7 === 0 ? formatDay(day.day, lang) : "",
              title: format(t.dayValue, { date: date(day, i), value: count(day) }),
              value: day.due,
              hatched: day.overdue,
              label: day.due > 0 ? String(day.due) : "",
            }))}
            gridlines={niceTicks(max, 3).map((value) => ({ value, label: String(value) }))}
            table={{
              caption: t.forecastTitle,
              headers: [t.colDate, t.colCards],
              rows: forecast.flatMap((day, i) => (day.due > 0 ? [[date(day, i), count(day)] as [string, string]] : [])),
            }}
            legend={<BarLegend items={[{ label: t.forecastDue, kind: "bar" }, ...(today.overdue > 0 ? [{ label: t.forecastOverdue, kind: "hatched" as const }] : [])]} />}
          />
        </>
      )}
    </section>
  );
}

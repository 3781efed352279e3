import { CalendarHeatmap } from "@/components/charts/calendar-heatmap";
import { formatDay } from "@/lib/i18n/format-day";
import type { Language } from "@/lib/i18n/language";
import { progress } from "@/lib/i18n/messages/progress";
import { format, inLanguage } from "@/lib/i18n/translate";
import { activityLevel, levelRanges, type ActivityCalendar } from "@/lib/progress/activity";
import { addDays } from "@/lib/progress/local-day";
import styles from "./progress.module.css";

/** Where month labels go: the first week, then every week holding a 1st (skipping one too close to the previous label). */
function monthLabels(calendar: ActivityCalendar, lang: Language): { week: number; label: string }[] {
  const labels: { week: number; label: string }[] = [];
  const weeks = Math.ceil(calendar.days.length / 7);
  for (let week = 0; week < weeks; week++) {
    const days = calendar.days.slice(week * 7, week * 7 + 7);
    const first = week === 0 ? days[0] : days.find((day) => day.day.endsWith("-01"));
    if (!first) continue;
    if (labels.length > 0 && week - labels.at(-1)!.week < 3) labels.pop();
    labels.push({ week, label: formatDay(first.day, lang, "month") });
  }
  return labels;
}

export function ActivitySection({ calendar, lang }: { calendar: ActivityCalendar; lang: Language }) {
  const t = inLanguage(progress, lang);
  const summary = format(t.activitySummary, { days: calendar.activeDays, reviews: calendar.reviews, answers: calendar.answers });
  const active = calendar.days.filter((day) => day.reviews + day.answers > 0).reverse();
  const ranges = levelRanges(calendar.max);
  return (
    <section className={`card ${styles.section}`} aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t.activityTitle}</h2>
      <p className={styles.summary}>{calendar.activeDays > 0 ? summary : t.activityNothing}</p>
      <CalendarHeatmap
        label={t.activityTitle}
        summary={`${t.activityTitle}. ${calendar.activeDays > 0 ? summary : t.activityNothing}`}
        days={calendar.days.map((day, i) => {
          const date = i === calendar.days.length - 1 ? `${t.today}, ${formatDay(day.day, lang, "long")}` : formatDay(day.day, lang, "long");
          const total = day.reviews + day.answers;
          return {
            day: day.day,
            level: activityLevel(total, calendar.max),
            title: total > 0 ? format(t.activityDay, { date, reviews: day.reviews, answers: day.answers }) : format(t.activityNone, { date }),
          };
        })}
        months={monthLabels(calendar, lang)}
        // 2024-01-01 was a Monday.
        weekdays={Array.from({ length: 7 }, (_, i) => formatDay(addDays("2024-01-01", i), lang, "weekday"))}
        legend={{
          less: t.activityLess,
          more: t.activityMore,
          description: t.activityLegend,
          today: t.activityToday,
          levels: ["0", ...ranges.map((range) => (range === null ? "–" : range.from === range.to ? String(range.from) : `${range.from}–${range.to}`))],
        }}
      />
      {active.length > 0 && (
        <details className={styles.details}>
          <summary>{t.activityTable}</summary>
          <div className={styles.tableScroll}>
            <table>
              <caption className="visually-hidden">{t.activityCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colDate}</th>
                  <th scope="col">{t.reviews}</th>
                  <th scope="col">{t.answers}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((day) => (
                  <tr key={day.day}>
                    <th scope="row">{formatDay(day.day, lang, "long")}</th>
                    <td>{day.reviews}</td>
                    <td>{day.answers}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

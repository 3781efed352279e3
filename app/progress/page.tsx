import type { Metadata } from "next";
import { AccuracySection } from "@/components/progress/accuracy-section";
import { ActivitySection } from "@/components/progress/activity-section";
import { DueForecast } from "@/components/progress/due-forecast";
import { ProgressEmpty } from "@/components/progress/progress-empty";
import { ProgressStats } from "@/components/progress/progress-stats";
import { RetentionSection } from "@/components/progress/retention-section";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { progress } from "@/lib/i18n/messages/progress";
import { format } from "@/lib/i18n/translate";
import { findLearner } from "@/lib/server/learner";
import { getLanguage } from "@/lib/server/preferences";
import { getProgressReport, getTimeZone } from "@/lib/server/progress-queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: progress.title[await getLanguage()] };
}

export default async function ProgressPage() {
  const [lang, learner, timeZone] = await Promise.all([getLanguage(), findLearner(), getTimeZone()]);
  const report = learner ? await getProgressReport(learner.id, new Date(), timeZone) : null;
  return (
    <>
      <TimeZoneCookie />
      <h1>{progress.title[lang]}</h1>
      {report?.hasActivity ? (
        <>
          <p className="muted">{format(progress.timeZoneNote[lang], { zone: timeZone })}</p>
          <ProgressStats report={report} lang={lang} />
          <DueForecast forecast={report.forecast} lang={lang} />
          <ActivitySection calendar={report.calendar} lang={lang} />
          <RetentionSection retention={report.retention} lang={lang} />
          <AccuracySection byTopic={report.byTopic} byState={report.byState} weakest={report.weakest} lang={lang} />
        </>
      ) : (
        <ProgressEmpty lang={lang} />
      )}
    </>
  );
}

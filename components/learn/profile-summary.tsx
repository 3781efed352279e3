import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import type { TraceComparison } from "@/lib/learn/trace-comparison";
import { PROFILES, type ProfileName } from "@/lib/tcp";
import styles from "./scenario-player.module.css";

const COMPARISON: Record<TraceComparison, keyof typeof learn> = { same: "sameOnLinux", timing: "timingOnLinux", steps: "stepsOnLinux" };

interface ProfileSummaryProps {
  lang: Language;
  profile: ProfileName;
  /** Under a profile other than RFC 9293: how this run compares with RFC 9293's, and how many steps cite the kernel. */
  comparison?: { result: TraceComparison; kernelSteps: number };
}

/** The chosen profile's timers, each cited, and under Linux what differs in this run and in general. */
export function ProfileSummary({ lang, profile, comparison }: ProfileSummaryProps) {
  const { timers, differences } = PROFILES[profile];
  const timerLine =
    profile === "linux"
      ? format(learn.timersLinux[lang], {
          rto: timers.initialRto / 1000,
          minRto: timers.minRto,
          timeWait: timers.timeWait / 1000,
          finWait2: (timers.finWait2Timeout ?? 0) / 1000,
        })
      : format(learn.timersRfc9293[lang], { rto: timers.initialRto / 1000, msl: timers.msl / 60_000, timeWait: timers.timeWait / 60_000 });
  return (
    <div className={styles.profileSummary} data-testid="profile-summary">
      <p className={styles.hint}>{timerLine}</p>
      {comparison && (
        <p className={styles.comparison} data-testid="profile-comparison">
          {learn[COMPARISON[comparison.result]][lang]}
          {comparison.kernelSteps > 0 && ` ${format(learn.kernelSteps[lang], { count: comparison.kernelSteps })}`}
        </p>
      )}
      {differences.length > 0 && (
        <details className={styles.differences}>
          <summary>{format(learn.linuxDifferences[lang], { count: differences.length })}</summary>
          <ul>
            {differences.map((difference) => (
              <li key={difference.id}>
                {difference.what[lang]} <span className={styles.rfc}>{format(learn.rfcSection[lang], { section: difference.rfc })}</span>{" "}
                <span className={styles.kernel}>{format(learn.kernelSource[lang], { source: difference.kernel })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

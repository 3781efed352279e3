import Link from "next/link";
import type { Language } from "@/lib/i18n/language";
import { progress } from "@/lib/i18n/messages/progress";
import { inLanguage } from "@/lib/i18n/translate";
import styles from "./progress.module.css";

/** A first visit, or a learner who has not studied yet: say so, and point to where to start. */
export function ProgressEmpty({ lang }: { lang: Language }) {
  const t = inLanguage(progress, lang);
  return (
    <section className={`card ${styles.empty}`} aria-labelledby="empty-heading">
      <h2 id="empty-heading">{t.emptyTitle}</h2>
      <p>{t.emptyBody}</p>
      <div className={`row ${styles.row}`}>
        <Link className="button" href="/review">
          {t.startReview}
        </Link>
        <Link className="button secondary" href="/quiz">
          {t.startQuiz}
        </Link>
      </div>
    </section>
  );
}

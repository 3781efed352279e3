import type { Metadata } from "next";
import { AppearanceForm } from "@/components/settings/appearance-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { ProgressImport } from "@/components/settings/progress-import";
import styles from "@/components/settings/settings.module.css";
import { common } from "@/lib/i18n/messages/common";
import { settings } from "@/lib/i18n/messages/settings";
import { format, inLanguage } from "@/lib/i18n/translate";
import { findLearner } from "@/lib/server/learner";
import { getLanguage, getTheme } from "@/lib/server/preferences";
import { getProgressCounts } from "@/lib/server/progress-queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: settings.title[await getLanguage()] };
}

export default async function SettingsPage() {
  const [lang, theme, learner] = await Promise.all([getLanguage(), getTheme(), findLearner()]);
  const counts = learner ? await getProgressCounts(learner.id) : null;
  const t = inLanguage(settings, lang);
  const c = inLanguage(common, lang);
  const hasProgress = counts !== null && counts.reviews + counts.answers + counts.cardStates + counts.sessions > 0;
  return (
    <>
      <h1>{t.title}</h1>
      <p className="lede">{t.lede}</p>

      <section className={`card ${styles.section}`} aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t.profileTitle}</h2>
        <ProfileForm
          initial={{ displayName: learner?.displayName ?? null, newCardsPerDay: learner?.newCardsPerDay ?? 20 }}
          labels={{
            displayName: t.displayName,
            displayNameHint: t.displayNameHint,
            newCardsPerDay: t.newCardsPerDay,
            newCardsHint: t.newCardsHint,
            save: t.save,
            saving: t.saving,
            saved: t.saved,
            errorDisplayName: t.errorDisplayName,
            errorNewCards: t.errorNewCards,
            errorGeneric: c.errorGeneric,
          }}
        />
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">{t.appearanceTitle}</h2>
        <AppearanceForm
          lang={lang}
          theme={theme}
          labels={{
            language: c.languageLabel,
            theme: c.themeLabel,
            system: c.themeSystem,
            light: c.themeLight,
            dark: c.themeDark,
            hint: t.appearanceHint,
            errorGeneric: c.errorGeneric,
          }}
        />
      </section>

      <section className={`card ${styles.section}`} aria-labelledby="data-heading">
        <h2 id="data-heading">{t.dataTitle}</h2>
        <h3>{t.exportTitle}</h3>
        <p>{t.exportBody}</p>
        <p className="muted">
          {hasProgress ? format(t.exportCounts, { reviews: counts.reviews, answers: counts.answers, cards: counts.cardStates }) : t.exportNothing}
        </p>
        <p>
          <a className="button secondary" href="/api/progress/export" download>
            {t.exportButton}
          </a>
        </p>
        <h3>{t.importTitle}</h3>
        <p>{t.importBody}</p>
        <ProgressImport
          labels={{
            file: t.importFile,
            button: t.importButton,
            importing: t.importing,
            choose: t.importChoose,
            done: t.importDone,
            added: t.importAdded,
            unchanged: t.importUnchanged,
            settings: t.importSettings,
            notJson: t.importNotJson,
            invalid: t.importInvalid,
            tooLarge: t.importTooLarge,
            moreProblems: t.moreProblems,
            errorGeneric: c.errorGeneric,
            settingNames: { displayName: t.displayName, newCardsPerDay: t.newCardsPerDay },
          }}
        />
      </section>
    </>
  );
}

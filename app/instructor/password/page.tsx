import type { Metadata } from "next";
import styles from "@/components/instructor/instructor-auth.module.css";
import { PasswordForm } from "@/components/instructor/password-form";
import { SignOutButton } from "@/components/instructor/sign-out-button";
import { common } from "@/lib/i18n/messages/common";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { format, inLanguage } from "@/lib/i18n/translate";
import { requireInstructorPage } from "@/lib/server/instructor-auth";
import { instructorNextPath } from "@/lib/server/instructor-next-path";
import { getLanguage } from "@/lib/server/preferences";

export async function generateMetadata(): Promise<Metadata> {
  return { title: instructorAuth.passwordTitle[await getLanguage()], robots: { index: false } };
}

/** /instructor/password?next=…: where a one-time password must be replaced, and where any instructor changes theirs. */
export default async function InstructorPasswordPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const params = await searchParams;
  const next = instructorNextPath(params.next);
  const here = typeof params.next === "string" ? `/instructor/password?next=${encodeURIComponent(next)}` : "/instructor/password";
  const [lang, instructor] = await Promise.all([getLanguage(), requireInstructorPage(here, { passwordChange: true })]);
  const t = inLanguage(instructorAuth, lang);
  return (
    <>
      <h1>{t.passwordTitle}</h1>
      {instructor.mustChangePassword ? (
        <p className={styles.notice} role="note">
          {t.passwordForced}
        </p>
      ) : (
        <p className="lede">{t.passwordLede}</p>
      )}
      <section className={`card ${styles.section}`} aria-label={t.passwordTitle}>
        <PasswordForm
          email={instructor.email}
          next={next === "/instructor/password" ? "/instructor" : next}
          labels={{
            currentPassword: t.currentPassword,
            newPassword: t.newPassword,
            newPasswordHint: t.newPasswordHint,
            confirmPassword: t.confirmPassword,
            confirmMismatch: t.confirmMismatch,
            passwordTooShort: t.passwordTooShort,
            passwordTooLong: t.passwordTooLong,
            passwordMissing: t.passwordMissing,
            savePassword: t.savePassword,
            savingPassword: t.savingPassword,
            errorGeneric: common.errorGeneric[lang],
          }}
        />
      </section>
      <div className={styles.account}>
        <p className="muted">{format(t.signedInAs, { email: instructor.email })}</p>
        <SignOutButton labels={{ signOut: t.signOut, signingOut: t.signingOut }} />
      </div>
    </>
  );
}

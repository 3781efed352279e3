import type { Metadata } from "next";
import { redirect } from "next/navigation";
import styles from "@/components/instructor/instructor-auth.module.css";
import { LoginForm } from "@/components/instructor/login-form";
import { common } from "@/lib/i18n/messages/common";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { inLanguage } from "@/lib/i18n/translate";
import { currentInstructor } from "@/lib/server/instructor-auth";
import { instructorNextPath } from "@/lib/server/instructor-next-path";
import { getLanguage } from "@/lib/server/preferences";

export async function generateMetadata(): Promise<Metadata> {
  return { title: instructorAuth.loginTitle[await getLanguage()], robots: { index: false } };
}

/** /instructor/login?next=…: an instructor already signed in goes straight on. */
export default async function InstructorLoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const [lang, params, instructor] = await Promise.all([getLanguage(), searchParams, currentInstructor()]);
  const next = instructorNextPath(params.next);
  if (instructor) redirect(next);
  const t = inLanguage(instructorAuth, lang);
  return (
    <>
      <h1>{t.loginTitle}</h1>
      <p className="lede">{t.loginLede}</p>
      <section className={`card ${styles.section}`} aria-label={t.loginTitle}>
        <LoginForm
          next={next}
          labels={{
            email: t.email,
            password: t.password,
            signIn: t.signIn,
            signingIn: t.signingIn,
            emailInvalid: t.emailInvalid,
            passwordMissing: t.passwordMissing,
            errorGeneric: common.errorGeneric[lang],
          }}
        />
      </section>
    </>
  );
}

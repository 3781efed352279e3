import Link from "next/link";
import type { Language } from "@/lib/i18n/language";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { instructorBuilder as m } from "@/lib/i18n/messages/instructor-builder";
import { format } from "@/lib/i18n/translate";
import { QuizActionButton } from "./quiz-action-button";
import { SignOutButton } from "./sign-out-button";
import styles from "./instructor.module.css";

/** The bar above every instructor page once signed in: the quiz list, a new quiz, who is signed in, sign out. */
export function InstructorBar({ lang, name }: { lang: Language; name: string }) {
  return (
    <nav className={styles.bar} aria-label={m.barLabel[lang]}>
      <Link href="/instructor">{m.navQuizzes[lang]}</Link>
      <QuizActionButton action={{ url: "/api/instructor/quizzes", body: { from: "blank" }, open: true }} label={m.navNew[lang]} busyLabel={m.working[lang]} failedLabel={m.failed[lang]} secondary />
      <span className={styles.who}>{format(m.signedInAs[lang], { name })}</span>
      <SignOutButton labels={{ signOut: instructorAuth.signOut[lang], signingOut: instructorAuth.signingOut[lang] }} />
    </nav>
  );
}

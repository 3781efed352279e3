import type { ReactNode } from "react";
import { InstructorBar } from "@/components/instructor/instructor-bar";
import { currentInstructor } from "@/lib/server/instructor-auth";
import { getLanguage } from "@/lib/server/preferences";

/**
 * Every /instructor page, the login and password pages included: the
 * instructor bar when someone is signed in, nothing more. It never
 * redirects; each page guards itself with requireInstructorPage.
 */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const [instructor, lang] = await Promise.all([currentInstructor(), getLanguage()]);
  return (
    <>
      {instructor && !instructor.mustChangePassword ? <InstructorBar lang={lang} name={instructor.name ?? instructor.email} /> : null}
      {children}
    </>
  );
}

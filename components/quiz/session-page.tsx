import { notFound } from "next/navigation";
import { interview, quiz } from "@/lib/i18n/messages/quiz";
import { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { inLanguage } from "@/lib/i18n/translate";
import { getLanguage } from "@/lib/server/preferences";
import { currentSession } from "@/lib/server/session-queries";
import { SessionRunner } from "./session-runner";

/** A quiz or interview session of the current learner; anyone else's is a 404. */
export async function SessionPage({ id }: { id: string }) {
  const [lang, session] = await Promise.all([getLanguage(), currentSession(id)]);
  if (!session) notFound();
  const messages = inLanguage(quiz, lang);
  const interviewMessages = inLanguage(interview, lang);
  return (
    <div className="stack">
      <h1>{session.mode === "interview" ? interviewMessages.title : (session.quizTitle?.[lang] ?? messages.title)}</h1>
      <SessionRunner session={session} lang={lang} messages={messages} interviewMessages={interviewMessages} attemptMessages={inLanguage(quizAttempts, lang)} />
    </div>
  );
}

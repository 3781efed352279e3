import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionRunner } from "@/components/quiz/session-runner";
import { interview, quiz } from "@/lib/i18n/messages/quiz";
import { inLanguage } from "@/lib/i18n/translate";
import { getLanguage } from "@/lib/server/preferences";
import { currentSession } from "@/lib/server/session-queries";

export const metadata: Metadata = { title: "Interview · 面试模式" };
export const dynamic = "force-dynamic";

export default async function InterviewSessionPage({ params }: { params: Promise<{ id: string }> }) {
  const [lang, session] = await Promise.all([getLanguage(), currentSession((await params).id)]);
  if (!session) notFound();
  const messages = inLanguage(quiz, lang);
  return (
    <div className="stack">
      <h1>{session.mode === "interview" ? inLanguage(interview, lang).title : messages.title}</h1>
      <SessionRunner session={session} lang={lang} messages={messages} interviewMessages={inLanguage(interview, lang)} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { InterviewSetup } from "@/components/quiz/interview-setup";
import { interview, quiz } from "@/lib/i18n/messages/quiz";
import { inLanguage } from "@/lib/i18n/translate";
import { getLanguage } from "@/lib/server/preferences";
import { currentRecentSessions } from "@/lib/server/session-queries";

export const metadata: Metadata = { title: "Interview · 面试模式" };
export const dynamic = "force-dynamic";

export default async function InterviewPage() {
  const lang = await getLanguage();
  const messages = inLanguage(interview, lang);
  const quizMessages = inLanguage(quiz, lang);
  const recent = await currentRecentSessions("interview");
  return (
    <div className="stack">
      <h1>{messages.title}</h1>
      <p className="lede">{messages.intro}</p>
      <InterviewSetup messages={messages} />
      {recent.length > 0 && (
        <>
          <h2>{quizMessages.recent}</h2>
          <ul>
            {recent.map((session) => (
              <li key={session.id}>
                <Link href={`/interview/${session.id}`}>
                  {new Date(session.createdAt).toLocaleString(lang === "zh" ? "zh-CN" : "en")} — {session.score === null ? "—" : Math.round(session.score * 10) / 10} / {session.questions}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

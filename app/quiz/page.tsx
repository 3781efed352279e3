import type { Metadata } from "next";
import Link from "next/link";
import { QuizSetup, StartQuizButton } from "@/components/quiz/quiz-setup";
import { quiz } from "@/lib/i18n/messages/quiz";
import { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { format, inLanguage } from "@/lib/i18n/translate";
import { db } from "@/lib/server/db";
import { getLanguage } from "@/lib/server/preferences";
import { liveSharedQuizzes } from "@/lib/server/quiz-attempts";
import { currentRecentSessions, instructorQuizzes } from "@/lib/server/session-queries";

export const metadata: Metadata = { title: "Quiz · 测验" };
export const dynamic = "force-dynamic";

export default async function QuizPage() {
  const lang = await getLanguage();
  const messages = inLanguage(quiz, lang);
  const attemptMessages = inLanguage(quizAttempts, lang);
  const [quizzes, shared, recent] = await Promise.all([instructorQuizzes(), liveSharedQuizzes(db), currentRecentSessions("quiz")]);
  return (
    <div className="stack">
      <h1>{messages.title}</h1>
      <p className="lede">{messages.intro}</p>
      <QuizSetup messages={messages} />

      <h2>{messages.instructorQuizzes}</h2>
      <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
        {quizzes.map((item) => (
          <li key={item.id} className="card">
            <h3>{item.title[lang]}</h3>
            {item.description ? <p className="muted">{item.description[lang]}</p> : null}
            <p className="muted">{format(messages.questionsCount, { n: item.count })}</p>
            <StartQuizButton quizId={item.id} label={messages.startThis} title={item.title[lang]} />
          </li>
        ))}
      </ul>

      {shared.length > 0 && (
        <>
          <h2>{attemptMessages.sharedQuizzes}</h2>
          <ul className="grid" style={{ listStyle: "none", padding: 0 }} data-testid="shared-quizzes">
            {shared.map((item) => (
              <li key={item.code} className="card">
                <h3>{item.title[lang]}</h3>
                <p className="muted">{format(attemptMessages.byInstructor, { name: item.instructorName ?? attemptMessages.noInstructorName })}</p>
                <p className="muted">{format(messages.questionsCount, { n: item.count })}</p>
                <Link className="button secondary" href={`/q/${item.code}`} aria-label={`${attemptMessages.openShared}: ${item.title[lang]}`}>
                  {attemptMessages.openShared}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}

      {recent.length > 0 && (
        <>
          <h2>{messages.recent}</h2>
          <table>
            <tbody>
              {recent.map((session) => (
                <tr key={session.id}>
                  <td>{new Date(session.createdAt).toLocaleString(lang === "zh" ? "zh-CN" : "en")}</td>
                  <td>
                    {session.score === null ? "—" : Math.round(session.score * 10) / 10} / {session.questions}
                  </td>
                  <td>
                    <Link href={`/quiz/${session.id}`}>{session.answered < session.questions && !session.finishedAt ? messages.resume : messages.reviewSession}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

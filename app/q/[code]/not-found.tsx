import Link from "next/link";
import { common } from "@/lib/i18n/messages/common";
import { quizAttempts } from "@/lib/i18n/messages/quiz-attempts";
import { getLanguage } from "@/lib/server/preferences";

/** An unknown quiz code (answered with 404): what to check, in the learner's language. */
export default async function QuizCodeNotFound() {
  const lang = await getLanguage();
  return (
    <div className="stack">
      <h1>{quizAttempts.notFoundTitle[lang]}</h1>
      <p className="lede">{quizAttempts.notFoundText[lang]}</p>
      <p>
        <Link className="button" href="/quiz">
          {common.navQuiz[lang]}
        </Link>
      </p>
    </div>
  );
}

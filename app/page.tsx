import Link from "next/link";
import { home } from "@/lib/i18n/messages/home";
import { format, inLanguage } from "@/lib/i18n/translate";
import { getContentSummary } from "@/lib/server/content-queries";
import { db } from "@/lib/server/db";
import { findLearner } from "@/lib/server/learner";
import { getLanguage } from "@/lib/server/preferences";
import { reviewStatus } from "@/lib/server/review-store";

// What is due changes with time and with every review.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const lang = await getLanguage();
  const messages = inLanguage(home, lang);
  const [content, learner] = await Promise.all([getContentSummary(), findLearner()]);
  const status = await reviewStatus(db, learner?.id ?? "", new Date());
  const sections = [
    { href: "/review", title: messages.reviewTitle, text: format(messages.reviewText, { due: `${status.dueNow}${status.dueNowCapped ? "+" : ""}`, fresh: status.newLeft }), action: messages.reviewStart, testId: "home-review" },
    { href: "/quiz", title: messages.quizTitle, text: messages.quizText, action: messages.quizStart, testId: "home-quiz" },
    { href: "/interview", title: messages.interviewTitle, text: messages.interviewText, action: messages.interviewStart, testId: "home-interview" },
    { href: "/learn", title: messages.learnTitle, text: format(messages.learnText, { notes: content.notes }), action: messages.learnStart, testId: "home-learn" },
    { href: "/progress", title: messages.progressTitle, text: messages.progressText, action: messages.progressStart, testId: "home-progress" },
  ];
  return (
    <div className="stack">
      <h1>{messages.title}</h1>
      <p className="lede">{messages.lede}</p>
      <div className="grid">
        {sections.map((section) => (
          <section key={section.href} className="card" data-testid={section.testId}>
            <h2 style={{ marginTop: 0 }}>{section.title}</h2>
            <p>{section.text}</p>
            <Link className="button" href={section.href}>
              {section.action}
            </Link>
          </section>
        ))}
      </div>
      <p className="muted">{format(messages.facts, { claims: content.claims, cards: content.cards, quizzes: content.quizzes })}</p>
    </div>
  );
}

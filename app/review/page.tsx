import type { Metadata } from "next";
import { ReviewSession } from "@/components/review/review-session";
import { inLanguage } from "@/lib/i18n/translate";
import { review } from "@/lib/i18n/messages/review";
import { getLanguage } from "@/lib/server/preferences";

export const metadata: Metadata = { title: "Flashcards · 抽认卡" };

export default async function ReviewPage() {
  const lang = await getLanguage();
  const messages = inLanguage(review, lang);
  return (
    <div className="stack">
      <h1>{messages.title}</h1>
      <p className="lede">{messages.intro}</p>
      <ReviewSession lang={lang} messages={messages} />
    </div>
  );
}

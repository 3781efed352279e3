import type { Metadata } from "next";
import { SessionPage } from "@/components/quiz/session-page";

export const metadata: Metadata = { title: "Quiz · 测验" };
export const dynamic = "force-dynamic";

export default async function QuizSessionPage({ params }: { params: Promise<{ id: string }> }) {
  return <SessionPage id={(await params).id} />;
}

import type { Metadata } from "next";
import { SessionPage } from "@/components/quiz/session-page";

export const metadata: Metadata = { title: "Interview · 面试模式" };
export const dynamic = "force-dynamic";

export default async function InterviewSessionPage({ params }: { params: Promise<{ id: string }> }) {
  return <SessionPage id={(await params).id} />;
}

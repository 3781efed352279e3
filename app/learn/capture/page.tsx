import type { Metadata } from "next";
import Link from "next/link";
import { CaptureWorkbench } from "@/components/capture/capture-workbench";
import { capture } from "@/lib/i18n/messages/capture";
import { learn } from "@/lib/i18n/messages/learn";
import { db } from "@/lib/server/db";
import { getLanguage } from "@/lib/server/preferences";
import { loadQuestionSource } from "@/lib/server/question-source";
import styles from "../learn.module.css";

// The states' meanings (for explaining a wrong answer) come from the content loaded at start.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: capture.title[await getLanguage()] };
}

export default async function CapturePage() {
  const [lang, source] = await Promise.all([getLanguage(), loadQuestionSource(db)]);
  return (
    <div className={styles.breakout}>
      <h1>{capture.title[lang]}</h1>
      <p className="lede">{capture.lede[lang]}</p>
      <CaptureWorkbench lang={lang} context={{ states: source.context.states, whyCards: [] }} />
      <p className="muted">
        <Link href="/learn/scenarios">{learn.scenariosLink[lang]} →</Link>
      </p>
    </div>
  );
}

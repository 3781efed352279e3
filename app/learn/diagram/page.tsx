import type { Metadata } from "next";
import { DiagramExplorer } from "@/components/learn/diagram-explorer";
import { learn } from "@/lib/i18n/messages/learn";
import { stateEventRows } from "@/lib/learn/state-events";
import { getLanguage } from "@/lib/server/preferences";
import { parseState } from "@/lib/tcp";
import styles from "../learn.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: learn.diagramTitle[await getLanguage()] };
}

export default async function DiagramPage({ searchParams }: { searchParams: Promise<{ state?: string | string[] }> }) {
  const [lang, query] = await Promise.all([getLanguage(), searchParams]);
  const requested = typeof query.state === "string" ? parseState(query.state) : null;
  return (
    <div className={styles.breakout}>
      <h1>{learn.diagramTitle[lang]}</h1>
      <p className="lede">{learn.diagramLede[lang]}</p>
      <DiagramExplorer lang={lang} initial={requested ?? "CLOSED"} rows={stateEventRows(lang)} />
    </div>
  );
}

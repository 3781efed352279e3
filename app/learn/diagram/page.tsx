import type { Metadata } from "next";
import { DiagramExplorer } from "@/components/learn/diagram-explorer";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { parseProfileParam } from "@/lib/learn/profile-param";
import { stateEventRows } from "@/lib/learn/state-events";
import { getLanguage } from "@/lib/server/preferences";
import { parseState, PROFILE_NAMES, type ProfileName } from "@/lib/tcp";
import styles from "../learn.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: learn.diagramTitle[await getLanguage()] };
}

interface DiagramPageProps {
  searchParams: Promise<{ state?: string | string[]; profile?: string | string[] }>;
}

export default async function DiagramPage({ searchParams }: DiagramPageProps) {
  const [lang, query] = await Promise.all([getLanguage(), searchParams]);
  const requested = typeof query.state === "string" ? parseState(query.state) : null;
  const { profile, unknown } = parseProfileParam(query.profile);
  const rows = Object.fromEntries(PROFILE_NAMES.map((name) => [name, stateEventRows(lang, name)])) as Record<ProfileName, ReturnType<typeof stateEventRows>>;
  return (
    <div className={styles.breakout}>
      <h1>{learn.diagramTitle[lang]}</h1>
      <p className="lede">{learn.diagramLede[lang]}</p>
      {unknown !== undefined && (
        <p className="verdict wrong" role="status" data-testid="unknown-profile">
          {format(learn.unknownProfile[lang], { name: unknown })}
        </p>
      )}
      {/* A new key starts the explorer afresh when the address names another profile. */}
      <DiagramExplorer key={profile} lang={lang} initial={requested ?? "CLOSED"} initialProfile={profile} rows={rows} />
    </div>
  );
}

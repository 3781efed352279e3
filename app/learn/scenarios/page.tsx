import type { Metadata } from "next";
import Link from "next/link";
import { ScenarioPlayer } from "@/components/learn/scenario-player";
import { capture } from "@/lib/i18n/messages/capture";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { parseProfileParam } from "@/lib/learn/profile-param";
import { parseLose } from "@/lib/learn/scenario-href";
import { findScenario } from "@/lib/sim";
import { getLanguage } from "@/lib/server/preferences";
import styles from "../learn.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: learn.scenariosTitle[await getLanguage()] };
}

interface ScenariosPageProps {
  searchParams: Promise<{ name?: string | string[]; lose?: string | string[]; profile?: string | string[] }>;
}

export default async function ScenariosPage({ searchParams }: ScenariosPageProps) {
  const [lang, query] = await Promise.all([getLanguage(), searchParams]);
  const requested = typeof query.name === "string" ? query.name : undefined;
  const scenario = requested ? findScenario(requested) : undefined;
  const name = scenario?.name ?? "open";
  const lose = scenario ? parseLose(query.lose) : [];
  const { profile, unknown } = parseProfileParam(query.profile);
  return (
    <div className={styles.breakout}>
      <h1>{learn.scenariosTitle[lang]}</h1>
      <p className="lede">{learn.scenariosLede[lang]}</p>
      {requested && !scenario && (
        <p className="verdict wrong" role="status">
          {format(learn.unknownScenario[lang], { name: requested })}
        </p>
      )}
      {unknown !== undefined && (
        <p className="verdict wrong" role="status" data-testid="unknown-profile">
          {format(learn.unknownProfile[lang], { name: unknown })}
        </p>
      )}
      {/* A new key starts the player afresh when the address names another run. */}
      <ScenarioPlayer key={`${name}|${lose.join(",")}|${profile}`} lang={lang} initialName={name} initialLose={lose} initialProfile={profile} />
      <p className="muted">
        <Link href="/learn/capture" data-testid="link-capture">
          {capture.scenariosLink[lang]}
        </Link>
      </p>
    </div>
  );
}

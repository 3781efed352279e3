"use client";

import { useState } from "react";
import { DiagramScroller } from "@/components/diagram/diagram-scroller";
import { StateDiagram } from "@/components/diagram/state-diagram";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import type { RowCase } from "@/lib/learn/profile-arrows";
import { diagramSearch } from "@/lib/learn/profile-param";
import type { StateEventRow } from "@/lib/learn/state-events";
import { DEFAULT_PROFILE, TCP_STATES, type OutcomeKind, type ProfileName, type TcpState } from "@/lib/tcp";
import { ProfileSwitch } from "./profile-switch";
import { StateEventItem } from "./state-event-row";
import styles from "./diagram-explorer.module.css";

interface DiagramExplorerProps {
  lang: Language;
  initial: TcpState;
  initialProfile: ProfileName;
  /** The panel's rows under each profile, so that the switch needs no round trip. */
  rows: Record<ProfileName, Record<TcpState, StateEventRow[]>>;
}

/** The state diagram with a panel listing what every event does in the chosen state, under RFC 9293 or Linux. */
export function DiagramExplorer({ lang, initial, initialProfile, rows: rowsByProfile }: DiagramExplorerProps) {
  const [state, setState] = useState<TcpState>(initial);
  const [profile, setProfile] = useState<ProfileName>(initialProfile);
  const [via, setVia] = useState<RowCase | undefined>(undefined);
  const t = (key: keyof typeof learn) => learn[key][lang];
  const rows = rowsByProfile[profile];

  function choose(next: TcpState, transition?: RowCase) {
    setState(next);
    setVia(transition);
    window.history.replaceState(null, "", diagramSearch(next, profile));
  }

  function changeProfile(next: ProfileName) {
    setProfile(next);
    setVia(undefined);
    window.history.replaceState(null, "", diagramSearch(state, next));
  }

  const viaRow = via && rows[via.from].find((row) => row.event === via.event);
  const viaKind = via?.variant ? viaRow?.variants.find((variant) => variant.variant === via.variant)?.kind : viaRow?.kind;

  return (
    <div className={styles.explorer}>
      <div className={styles.profileRow}>
        <ProfileSwitch lang={lang} profile={profile} onChange={changeProfile} />
      </div>
      <div className={styles.diagramPane}>
        <DiagramScroller state={state} label={t("diagramLabel")} className={styles.diagramScroll}>
          <StateDiagram
            lang={lang}
            profile={profile}
            current={state}
            onSelect={(next) => choose(next)}
            {...(via ? { highlightTransition: via } : {})}
            className={styles.diagram}
          />
        </DiagramScroller>
        <p className={styles.legend}>
          {t("legendCurrent")} · {t("legendNothing")}
        </p>
        {profile !== DEFAULT_PROFILE && (
          <p className={`${styles.legend} ${styles.legendLinux}`} data-testid="legend-profile">
            {t("legendLinux")}
          </p>
        )}
      </div>
      <section className={styles.panel} aria-labelledby="state-events-heading" data-testid="state-panel">
        <p className={styles.current} aria-live="polite">
          {t("currentStateIs")}
          <strong data-testid="current-state">{state}</strong>
        </p>
        <label className={`field ${styles.picker}`}>
          <span>{t("pickState")}</span>
          <select value={state} onChange={(event) => choose(event.target.value as TcpState)}>
            {TCP_STATES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        {viaKind !== undefined && viaKind !== "arrow" && <p className="muted">{t("notDrawn")}</p>}
        <h2 id="state-events-heading" className={styles.heading}>
          {format(t("eventsFrom"), { state })}
        </h2>
        <ol className={styles.events}>
          {byKind(rows[state]).map((row) => (
            <StateEventItem
              key={row.event}
              row={row}
              from={state}
              lang={lang}
              onFollow={(variant) => {
                const to = variant ? (row.variants.find((candidate) => candidate.variant === variant)?.to ?? row.to) : row.to;
                choose(to, { from: state, event: row.event, ...(variant ? { variant } : {}) });
              }}
            />
          ))}
        </ol>
      </section>
    </div>
  );
}

const KIND_ORDER: readonly OutcomeKind[] = ["arrow", "transition", "reply", "no-change", "error"];

/** Changes of state first, refused calls last; the table's event order within each kind. */
function byKind(rows: StateEventRow[]): StateEventRow[] {
  return [...rows].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

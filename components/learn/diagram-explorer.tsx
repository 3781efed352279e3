"use client";

import { useState } from "react";
import { DiagramScroller } from "@/components/diagram/diagram-scroller";
import { StateDiagram } from "@/components/diagram/state-diagram";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import type { StateEventRow } from "@/lib/learn/state-events";
import { TCP_STATES, type OutcomeKind, type TcpEvent, type TcpState } from "@/lib/tcp";
import styles from "./diagram-explorer.module.css";

const KIND_LABELS: Record<OutcomeKind, keyof typeof learn> = {
  arrow: "kindArrow",
  transition: "kindTransition",
  reply: "kindReply",
  "no-change": "kindNoChange",
  error: "kindError",
};

interface DiagramExplorerProps {
  lang: Language;
  initial: TcpState;
  rows: Record<TcpState, StateEventRow[]>;
}

/** The state diagram with a panel listing what every event does in the chosen state. */
export function DiagramExplorer({ lang, initial, rows }: DiagramExplorerProps) {
  const [state, setState] = useState<TcpState>(initial);
  const [via, setVia] = useState<{ from: TcpState; event: TcpEvent } | undefined>(undefined);
  const t = (key: keyof typeof learn) => learn[key][lang];

  function choose(next: TcpState, transition?: { from: TcpState; event: TcpEvent }) {
    setState(next);
    setVia(transition);
    window.history.replaceState(null, "", `?state=${next}`);
  }

  return (
    <div className={styles.explorer}>
      <div className={styles.diagramPane}>
        <DiagramScroller state={state} label={t("diagramLabel")} className={styles.diagramScroll}>
          <StateDiagram
            lang={lang}
            current={state}
            onSelect={(next) => choose(next)}
            {...(via ? { highlightTransition: via } : {})}
            className={styles.diagram}
          />
        </DiagramScroller>
        <p className={styles.legend}>
          {t("legendCurrent")} · {t("legendNothing")}
        </p>
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
        {via && rows[via.from].find((row) => row.event === via.event)?.kind !== "arrow" && <p className="muted">{t("notDrawn")}</p>}
        <h2 id="state-events-heading" className={styles.heading}>
          {format(t("eventsFrom"), { state })}
        </h2>
        <ol className={styles.events}>
          {byKind(rows[state]).map((row) => (
            <EventRow key={row.event} row={row} from={state} lang={lang} onFollow={() => choose(row.to, { from: state, event: row.event })} />
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

function EventRow({ row, from, lang, onFollow }: { row: StateEventRow; from: TcpState; lang: Language; onFollow: () => void }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const moves = row.to !== from;
  return (
    <li className={`${styles.event} ${moves ? styles.moves : ""}`} data-event={row.event} data-kind={row.kind}>
      <div className={styles.eventHead}>
        <code className={styles.eventName}>{row.label}</code>
        <span className={styles.outcome}>
          {moves ? format(t("goesTo"), { state: row.to }) : format(t("staysIn"), { state: row.to })}
          {" · "}
          {row.sends ? format(t("sends"), { flags: row.sends }) : t("sendsNothing")}
        </span>
        <span className={`badge ${styles[`kind-${row.kind}`] ?? ""}`}>{t(KIND_LABELS[row.kind])}</span>
      </div>
      <p className={styles.phrase}>{row.phrase}</p>
      <p className={styles.note}>
        {row.note} <span className={styles.rfc}>{format(t("rfcSection"), { section: row.rfc })}</span>
      </p>
      {row.activeOpen && (
        <p className={styles.note}>
          <span aria-hidden="true">↳ </span>
          {row.activeOpen.note}
        </p>
      )}
      {moves && (
        <button type="button" className="button secondary" onClick={onFollow}>
          {format(t("followArrow"), { state: row.to })}
        </button>
      )}
    </li>
  );
}

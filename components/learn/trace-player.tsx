"use client";

import { useEffect, type ReactNode } from "react";
import { DiagramScroller } from "@/components/diagram/diagram-scroller";
import { SequenceDiagram } from "@/components/diagram/sequence-diagram";
import { StateDiagram } from "@/components/diagram/state-diagram";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { profileEventLabel } from "@/lib/learn/profile-arrows";
import { statesBefore, stepNote } from "@/lib/learn/step-note";
import { describeSegment, machineSteps, type Trace } from "@/lib/sim";
import { PROFILES } from "@/lib/tcp";
import styles from "./scenario-player.module.css";

/** What the two lifelines are called where "client" and "server" say too little (a capture's addresses). */
export type SideLabels = { client: string; server: string };

interface TracePlayerProps {
  trace: Trace;
  lang: Language;
  /** Steps taken so far, 0 to trace.steps.length: the caller keeps it, so that changing the trace can keep or reset it. */
  step: number;
  onStep: (step: number) => void;
  /** The sequence diagram's accessible name. */
  label: string;
  sideLabels?: SideLabels;
  /** Beside the step's own details: what a capture adds to the step (its segments' notes). */
  stepExtra?: ReactNode;
  /** Below the step's details (the scenario player's drop controls). */
  aside?: ReactNode;
}

/**
 * Steps through any trace, a named scenario's or a replayed capture's: both
 * lifelines' states, the step's note, the sequence diagram up to the step and
 * the profile's state diagram with the step's transition lit.
 */
export function TracePlayer({ trace, lang, step, onStep, label, sideLabels, stepExtra, aside }: TracePlayerProps) {
  const total = trace.steps.length;
  const t = (key: keyof typeof learn) => learn[key][lang];

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, select, textarea, [contenteditable='true']")) return;
      if (event.key === "ArrowRight") onStep(Math.min(step + 1, total));
      else if (event.key === "ArrowLeft") onStep(Math.max(step - 1, 0));
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step, total, onStep]);

  const states = statesBefore(trace, step);
  const reference = trace.machine === PROFILES[trace.profile].machine.name;
  // The diagram draws the profile's machine, so a counterfactual machine's step is not shown on it.
  const machineStep = reference ? machineSteps(trace).find((candidate) => candidate.index === step - 1) : undefined;
  const variant = machineStep ? trace.steps[machineStep.index]?.variant : undefined;
  const highlight = machineStep ? { from: machineStep.from, event: machineStep.event, ...(variant ? { variant } : {}) } : undefined;

  return (
    <>
      <StepControls step={step} total={total} lang={lang} onStep={onStep} />

      <div className={styles.layout}>
        <StepInfo trace={trace} step={step} lang={lang} {...(sideLabels ? { sideLabels } : {})} extra={stepExtra} />
        <section className={styles.sequencePane} aria-label={label}>
          <SequenceDiagram trace={trace} upToStep={step} lang={lang} />
        </section>
        {aside}
      </div>

      <section className={styles.statePane} aria-labelledby="on-diagram-heading">
        <h2 id="on-diagram-heading" className={styles.sectionHeading}>
          {t("stateDiagramHeading")}
        </h2>
        <p className="muted">{t("stateDiagramHelp")}</p>
        <DiagramScroller state={states.client} label={t("diagramLabel")} className={styles.stateScroll}>
          <StateDiagram
            lang={lang}
            profile={trace.profile}
            sides={states}
            className={styles.stateDiagram}
            {...(highlight ? { highlightTransition: highlight } : {})}
          />
        </DiagramScroller>
      </section>
    </>
  );
}

function StepControls({ step, total, lang, onStep }: { step: number; total: number; lang: Language; onStep: (step: number) => void }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  return (
    <>
      <div className={styles.controls} role="group" aria-label={t("stepControls")}>
        <button type="button" className={`button secondary ${styles.stepButton} ${styles.jump}`} onClick={() => onStep(0)} disabled={step === 0}>
          <span aria-hidden="true">«</span> {t("first")}
        </button>
        <button
          type="button"
          className={`button ${styles.stepButton}`}
          onClick={() => onStep(step - 1)}
          disabled={step === 0}
          data-testid="step-back"
        >
          <span aria-hidden="true">←</span> {t("back")}
        </button>
        <span className={styles.counter} aria-live="polite" data-testid="step-counter">
          {format(t("stepOf"), { step, total })}
        </span>
        <button
          type="button"
          className={`button ${styles.stepButton}`}
          onClick={() => onStep(step + 1)}
          disabled={step === total}
          data-testid="step-forward"
        >
          {t("forward")} <span aria-hidden="true">→</span>
        </button>
        <button
          type="button"
          className={`button secondary ${styles.stepButton} ${styles.jump}`}
          onClick={() => onStep(total)}
          disabled={step === total}
        >
          {t("last")} <span aria-hidden="true">»</span>
        </button>
      </div>
      <p className={`${styles.hint} ${styles.keysHint}`}>{t("keysHint")}</p>
    </>
  );
}

function StepInfo({ trace, step, lang, sideLabels, extra }: { trace: Trace; step: number; lang: Language; sideLabels?: SideLabels; extra?: ReactNode }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const states = statesBefore(trace, step);
  return (
    <section className={styles.stepInfo} aria-labelledby="step-heading" data-testid="step-info">
      <h2 id="step-heading" className={styles.sectionHeading}>
        {t("stepHeading")}
      </h2>
      <div className={styles.ends}>
        {(["client", "server"] as const).map((side) => (
          <p key={side} className={`${styles.end} ${side === "client" ? styles.clientEnd : styles.serverEnd}`} data-testid={`${side}-state`}>
            <span className={styles.endName}>{sideLabels?.[side] ?? t(side)}</span>
            <strong>{states[side]}</strong>
          </p>
        ))}
      </div>
      <StepDetails trace={trace} step={step} lang={lang} />
      {extra}
    </section>
  );
}

function StepDetails({ trace, step, lang }: { trace: Trace; step: number; lang: Language }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const current = trace.steps[step - 1];
  if (!current) {
    return (
      <div className={styles.details}>
        <p className={styles.event}>{t("atStart")}</p>
        <p>{format(t("initialNote"), { client: trace.initial.client, server: trace.initial.server })}</p>
      </div>
    );
  }
  const who = current.at === "network" ? t("network") : t(current.at);
  const before = current.at === "network" ? undefined : statesBefore(trace, step - 1)[current.at];
  return (
    <div className={styles.details}>
      <p className={styles.event} data-testid="step-event">
        {format(t("stepEvent"), { t: `${current.t} ms`, who, event: profileEventLabel(current.event, lang, before, trace.profile) })}
      </p>
      {current.segment && <p className={styles.sent}>{format(t("sentSegment"), { segment: describeSegment(current.segment) })}</p>}
      <p data-testid="step-note">
        {stepNote(trace, step - 1, lang)}
        {/* The space outside the unbreakable reference, so that the line may break before it. */}
        {current.rfc && (
          <>
            {" "}
            <span className={styles.rfc}>{format(t("rfcSection"), { section: current.rfc })}</span>
          </>
        )}
      </p>
      {current.kernel && (
        <p className={styles.kernel} data-testid="step-kernel">
          <span className={`badge ${styles.linuxBadge}`}>{t("linuxStep")}</span> {format(t("kernelSource"), { source: current.kernel })}
        </p>
      )}
      {current.error && <p className={styles.error}>{format(t("errorLabel"), { error: current.error })}</p>}
    </div>
  );
}

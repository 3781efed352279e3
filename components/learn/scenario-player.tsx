"use client";

import { useEffect, useMemo, useState } from "react";
import { SequenceDiagram } from "@/components/diagram/sequence-diagram";
import { DiagramScroller } from "@/components/diagram/diagram-scroller";
import { StateDiagram } from "@/components/diagram/state-diagram";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { profileEventLabel } from "@/lib/learn/profile-arrows";
import { scenarioHref } from "@/lib/learn/scenario-href";
import { statesBefore, stepNote } from "@/lib/learn/step-note";
import { compareTraces } from "@/lib/learn/trace-comparison";
import { describeSegment, machineSteps, runScenario, SCENARIOS, type Trace } from "@/lib/sim";
import { DEFAULT_PROFILE, PROFILES, type ProfileName } from "@/lib/tcp";
import { DropControls } from "./drop-controls";
import { ProfileSummary } from "./profile-summary";
import { ProfileSwitch } from "./profile-switch";
import styles from "./scenario-player.module.css";

interface ScenarioPlayerProps {
  lang: Language;
  initialName: string;
  initialLose: number[];
  initialProfile: ProfileName;
}

/** Picks a scenario, runs it in the browser, and steps through its trace. */
export function ScenarioPlayer({ lang, initialName, initialLose, initialProfile }: ScenarioPlayerProps) {
  const [name, setName] = useState(initialName);
  const [lose, setLose] = useState<number[]>(initialLose);
  const [profile, setProfile] = useState<ProfileName>(initialProfile);
  const [step, setStep] = useState(0);
  const trace = useMemo(() => runScenario(name, { lose, profile }), [name, lose, profile]);
  const ownLosses = useMemo(() => lostSegments(runScenario(name, { profile })), [name, profile]);
  const comparison = useMemo(() => {
    if (profile === DEFAULT_PROFILE) return undefined;
    const result = compareTraces(trace, runScenario(name, { lose, profile: DEFAULT_PROFILE }));
    return { result, kernelSteps: trace.steps.filter((candidate) => candidate.kernel).length };
  }, [trace, name, lose, profile]);
  const total = trace.steps.length;
  const t = (key: keyof typeof learn) => learn[key][lang];

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, select, textarea, [contenteditable='true']")) return;
      if (event.key === "ArrowRight") setStep((current) => Math.min(current + 1, total));
      else if (event.key === "ArrowLeft") setStep((current) => Math.max(current - 1, 0));
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [total]);

  function update(nextName: string, nextLose: number[], nextProfile: ProfileName) {
    window.history.replaceState(null, "", scenarioHref(nextName, nextLose, nextProfile));
  }

  function pickScenario(next: string) {
    setName(next);
    setLose([]);
    setStep(0);
    update(next, [], profile);
  }

  function changeLosses(next: number[]) {
    setLose(next);
    setStep((current) => Math.min(current, runScenario(name, { lose: next, profile }).steps.length));
    update(name, next, profile);
  }

  /** The same scenario and losses under the other rules, at the same step where it still exists. */
  function changeProfile(next: ProfileName) {
    setProfile(next);
    setStep((current) => Math.min(current, runScenario(name, { lose, profile: next }).steps.length));
    update(name, lose, next);
  }

  function toggleLoss(n: number, dropped: boolean) {
    changeLosses(dropped ? [...lose, n].sort((a, b) => a - b) : lose.filter((m) => m !== n));
  }

  const states = statesBefore(trace, step);
  const reference = trace.machine === PROFILES[trace.profile].machine.name;
  // The diagram draws the profile's machine, so a counterfactual machine's step is not shown on it.
  const machineStep = reference ? machineSteps(trace).find((candidate) => candidate.index === step - 1) : undefined;
  const variant = machineStep ? trace.steps[machineStep.index]?.variant : undefined;
  const highlight = machineStep ? { from: machineStep.from, event: machineStep.event, ...(variant ? { variant } : {}) } : undefined;

  return (
    <div className={styles.player} data-testid="scenario-player">
      <ScenarioPicker name={name} reference={reference} lang={lang} onPick={pickScenario} />
      <div className={styles.profileRow}>
        <ProfileSwitch lang={lang} profile={profile} onChange={changeProfile} />
        <ProfileSummary lang={lang} profile={profile} {...(comparison ? { comparison } : {})} />
      </div>
      <StepControls step={step} total={total} lang={lang} onStep={setStep} />

      <div className={styles.layout}>
        <StepInfo trace={trace} step={step} lang={lang} />
        <section className={styles.sequencePane} aria-label={format(t("sequenceLabel"), { scenario: name })}>
          <SequenceDiagram trace={trace} upToStep={step} lang={lang} />
        </section>
        <DropControls trace={trace} lose={lose} ownLosses={ownLosses} lang={lang} onToggle={toggleLoss} onClear={() => changeLosses([])} />
      </div>

      <section className={styles.statePane} aria-labelledby="on-diagram-heading">
        <h2 id="on-diagram-heading" className={styles.sectionHeading}>
          {t("stateDiagramHeading")}
        </h2>
        <p className="muted">{t("stateDiagramHelp")}</p>
        <DiagramScroller state={states.client} label={t("diagramLabel")} className={styles.stateScroll}>
          <StateDiagram
            lang={lang}
            profile={profile}
            sides={states}
            className={styles.stateDiagram}
            {...(highlight ? { highlightTransition: highlight } : {})}
          />
        </DiagramScroller>
      </section>
    </div>
  );
}

function ScenarioPicker({ name, reference, lang, onPick }: { name: string; reference: boolean; lang: Language; onPick: (name: string) => void }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  return (
    <div className={styles.pickRow}>
      <label className={`field ${styles.picker}`}>
        <span>{t("scenarioLabel")}</span>
        <select value={name} onChange={(event) => onPick(event.target.value)} data-testid="scenario-select">
          {SCENARIOS.map((option) => (
            <option key={option.name} value={option.name}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <div className={styles.description}>
        <p>{SCENARIOS.find((candidate) => candidate.name === name)?.description[lang]}</p>
        {!reference && <p className={styles.counterfactual}>{t("counterfactual")}</p>}
      </div>
    </div>
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

function StepInfo({ trace, step, lang }: { trace: Trace; step: number; lang: Language }) {
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
            <span className={styles.endName}>{t(side)}</span>
            <strong>{states[side]}</strong>
          </p>
        ))}
      </div>
      <StepDetails trace={trace} step={step} lang={lang} />
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

function lostSegments(trace: Trace): Set<number> {
  return new Set(trace.steps.flatMap((step) => (step.lost === undefined ? [] : [step.lost])));
}

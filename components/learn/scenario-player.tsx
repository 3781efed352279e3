"use client";

import { useMemo, useState } from "react";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { scenarioHref } from "@/lib/learn/scenario-href";
import { compareTraces } from "@/lib/learn/trace-comparison";
import { runScenario, SCENARIOS, type Trace } from "@/lib/sim";
import { DEFAULT_PROFILE, PROFILES, type ProfileName } from "@/lib/tcp";
import { DropControls } from "./drop-controls";
import { ProfileSummary } from "./profile-summary";
import { ProfileSwitch } from "./profile-switch";
import styles from "./scenario-player.module.css";
import { TracePlayer } from "./trace-player";

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
  const t = (key: keyof typeof learn) => learn[key][lang];

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

  const reference = trace.machine === PROFILES[trace.profile].machine.name;

  return (
    <div className={styles.player} data-testid="scenario-player">
      <ScenarioPicker name={name} reference={reference} lang={lang} onPick={pickScenario} />
      <div className={styles.profileRow}>
        <ProfileSwitch lang={lang} profile={profile} onChange={changeProfile} />
        <ProfileSummary lang={lang} profile={profile} {...(comparison ? { comparison } : {})} />
      </div>
      <TracePlayer
        trace={trace}
        lang={lang}
        step={step}
        onStep={setStep}
        label={format(t("sequenceLabel"), { scenario: name })}
        aside={<DropControls trace={trace} lose={lose} ownLosses={ownLosses} lang={lang} onToggle={toggleLoss} onClear={() => changeLosses([])} />}
      />
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

function lostSegments(trace: Trace): Set<number> {
  return new Set(trace.steps.flatMap((step) => (step.lost === undefined ? [] : [step.lost])));
}

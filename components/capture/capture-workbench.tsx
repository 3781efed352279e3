"use client";

import { useCallback, useMemo, useState } from "react";
import { ProfileSwitch } from "@/components/learn/profile-switch";
import { TracePlayer } from "@/components/learn/trace-player";
import { CaptureError, readCapture, type Capture } from "@/lib/capture";
import { replayCapture, DEFAULT_CAPTURE_PROFILE } from "@/lib/capture/replay-capture";
import type { Language } from "@/lib/i18n/language";
import { capture } from "@/lib/i18n/messages/capture";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { endpointAddress } from "@/lib/learn/capture-view";
import type { QuestionContext } from "@/lib/questions/context";
import type { ProfileName } from "@/lib/tcp";
import { CaptureFacts } from "./capture-facts";
import { CaptureOpener, type OpenedCapture } from "./capture-opener";
import { CaptureQuiz } from "./capture-quiz";
import { CaptureSegmentList } from "./capture-segment-list";
import { CaptureStepNotes } from "./capture-step-notes";
import { ConnectionList } from "./connection-list";
import styles from "./capture.module.css";

interface Loaded {
  name: string;
  sample: boolean;
  capture: Capture;
}

/** The page's state: the capture read in the browser, the profile, the connection and step chosen. */
export function CaptureWorkbench({ lang, context }: { lang: Language; context: QuestionContext }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [profile, setProfile] = useState<ProfileName>(DEFAULT_CAPTURE_PROFILE);
  const [chosen, setChosen] = useState(0);
  const [step, setStep] = useState(0);
  const t = (key: keyof typeof capture) => capture[key][lang];

  const replay = useMemo(() => (loaded ? replayCapture(loaded.capture, profile) : null), [loaded, profile]);
  const connection = replay?.connections[chosen];

  function opened({ name, sample, bytes }: OpenedCapture) {
    setReading(null);
    try {
      const read = readCapture(bytes);
      setLoaded({ name, sample, capture: read });
      setError(null);
      setChosen(0);
      setStep(0);
    } catch (problem) {
      // The page keeps what it showed before: a bad file replaces nothing.
      if (problem instanceof CaptureError) {
        setError(format(t("unreadable"), { file: name, offset: problem.offset, detail: problem.message.replace(/^at byte \d+: /, "") }));
      } else {
        console.error("reading a capture failed:", problem);
        setError(format(t("fileError"), { file: name }));
      }
    }
  }

  const failed = useCallback((message: string) => {
    setReading(null);
    setError(message);
  }, []);

  function changeProfile(next: ProfileName) {
    setProfile(next);
    setStep(0);
  }

  function choose(index: number) {
    setChosen(index);
    setStep(0);
  }

  const [client, server] = connection?.endpoints ?? [];
  const source = loaded && connection ? quizSource(loaded, connection.index) : null;

  return (
    <div className={styles.workbench}>
      <CaptureOpener
        lang={lang}
        busy={reading !== null}
        onOpening={(name) => {
          setReading(name);
          setError(null);
        }}
        onOpened={opened}
        onFailed={failed}
      />
      <div aria-live="polite" className={styles.status}>
        {reading && <p data-testid="capture-reading">{format(t("reading"), { file: reading })}</p>}
      </div>
      {error && (
        <p role="alert" className={`verdict wrong ${styles.error}`} data-testid="capture-error">
          {error}
        </p>
      )}

      {loaded && replay && (
        <>
          <CaptureFacts name={loaded.name} replay={replay} segments={loaded.capture.segments.length} lang={lang} />
          <section className={styles.panel} aria-labelledby="connections-heading">
            <h2 id="connections-heading" className={styles.heading}>
              {t("connectionsHeading")}
            </h2>
            <div className={styles.profileRow}>
              <ProfileSwitch lang={lang} profile={profile} onChange={changeProfile} />
              <p className={styles.hint}>{t("profileHint")}</p>
            </div>
            <ConnectionList connections={replay.connections} chosen={chosen} lang={lang} onChoose={choose} />
          </section>
        </>
      )}

      {connection && client && server && (
        <section className={styles.player} aria-labelledby="player-heading" data-testid="capture-player">
          <h2 id="player-heading" className={styles.heading}>
            {t("playerHeading")}
          </h2>
          <TracePlayer
            trace={connection.trace}
            lang={lang}
            step={step}
            onStep={setStep}
            label={format(t("sequenceLabel"), { n: connection.index })}
            sideLabels={{
              client: format(t("sideLabel"), { side: learn.client[lang], addr: endpointAddress(client) }),
              server: format(t("sideLabel"), { side: learn.server[lang], addr: endpointAddress(server) }),
            }}
            stepExtra={<CaptureStepNotes replay={connection} step={step} lang={lang} />}
            aside={<CaptureSegmentList replay={connection} step={step} lang={lang} />}
          />
        </section>
      )}

      {connection && source && <CaptureQuiz key={`${loaded?.name}|${chosen}|${profile}`} replay={connection} source={source} lang={lang} context={context} />}
    </div>
  );
}

function quizSource(loaded: Loaded, n: number) {
  const template = loaded.sample ? capture.quizSample : capture.quizSource;
  return { zh: format(template.zh, { file: loaded.name, n }), en: format(template.en, { file: loaded.name, n }) };
}

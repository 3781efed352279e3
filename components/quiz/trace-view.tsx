"use client";

import { useMemo } from "react";
import { SequenceDiagram } from "@/components/diagram/sequence-diagram";
import type { Language } from "@/lib/i18n/language";
import type { Question } from "@/lib/questions/question";
import { runScenario } from "@/lib/sim";

/** The machine's trace for a question, simulated in the browser from the question's scenario and numbers. */
export function TraceView({ spec, lang, title }: { spec: NonNullable<Question["trace"]>; lang: Language; title: string }) {
  const trace = useMemo(
    () => runScenario(spec.scenario, { isn: spec.isn, lose: spec.lose, ...(spec.delay ? { delay: spec.delay } : {}), ...(spec.profile ? { profile: spec.profile } : {}) }),
    [spec],
  );
  return (
    <figure className="card">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <SequenceDiagram trace={trace} lang={lang} {...(spec.blank ? { blank: spec.blank } : {})} />
    </figure>
  );
}

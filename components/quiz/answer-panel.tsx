"use client";

import type { Language } from "@/lib/i18n/language";
import type { AnswerView } from "@/lib/server/quiz-store";
import { TraceView } from "./trace-view";
import type { QuizMessages } from "./types";
import styles from "./quiz.module.css";

/** Right or wrong (in words and an icon, not colour alone), what the answer would mean, and the machine's explanation. */
export function AnswerPanel({ result, lang, messages }: { result: AnswerView; lang: Language; messages: QuizMessages }) {
  const verdict = result.correct ? (result.score < 1 ? messages.partly : messages.right) : result.score > 0 ? messages.partly : messages.wrong;
  // A plain "Right." adds nothing after the verdict "Right": shown once, not twice.
  const feedback = result.feedback[lang].replace(/[.。]$/, "") === verdict ? "" : result.feedback[lang];
  return (
    <section className={styles.answer} aria-live="polite" data-testid="answer-panel" data-correct={result.correct}>
      <p className={`verdict ${result.correct ? "right" : "wrong"}`}>
        <span aria-hidden="true">{result.correct ? "✓ " : "✗ "}</span>
        <strong>{verdict}</strong>
        {result.score > 0 && result.score < 1 ? ` (${Math.round(result.score * 100)}%)` : ""}
        {feedback ? ` — ${feedback}` : ""}
      </p>
      {!result.correct || result.score < 1 ? (
        <div>
          <h3>{messages.expected}</h3>
          <pre className={styles.expected}>{result.expected[lang]}</pre>
        </div>
      ) : null}
      {result.explanation[lang] ? (
        <div>
          <h3>{messages.explanation}</h3>
          <p className={styles.explanation}>{result.explanation[lang]}</p>
        </div>
      ) : null}
      {result.trace ? <TraceView spec={result.trace} lang={lang} title={messages.trace} /> : null}
    </section>
  );
}

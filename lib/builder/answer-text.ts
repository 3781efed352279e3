import type { Language } from "../i18n/language";
import type { Question } from "../questions";

/*
 * A question's right answer as text for the instructor's preview, whatever
 * shape the question's input gives it: a choice's label, an order of
 * labels, pairs, a segment, a state, a number.
 */
export function answerText(question: Pick<Question, "answer" | "choices" | "matchTargets" | "input" | "keyPoints">, lang: Language): string {
  const label = (id: unknown, from = question.choices) => from?.find((choice) => choice.id === id)?.label[lang] ?? String(id);
  const answer = question.answer;
  if (question.input === "self-grade" && question.keyPoints) return question.keyPoints[lang].join("; ");
  if (Array.isArray(answer)) return answer.map((item) => label(item)).join(" → ");
  if (answer && typeof answer === "object") {
    if ("pairs" in answer) {
      return Object.entries((answer as { pairs: Record<string, string> }).pairs)
        .map(([left, right]) => `${label(left)} ↔ ${label(right, question.matchTargets ?? question.choices)}`)
        .join("; ");
    }
    if ("flags" in answer) {
      const segment = answer as { flags: string; seq: number; ack: number | null };
      return `${segment.flags} seq=${segment.seq}${segment.ack === null ? "" : ` ack=${segment.ack}`}`;
    }
    return JSON.stringify(answer);
  }
  if (typeof answer === "boolean") return lang === "zh" ? (answer ? "对" : "错") : answer ? "true" : "false";
  return question.choices ? label(answer) : String(answer);
}

import type { FeedbackTime, QuizSettings } from "../content";

/*
 * The rules of a quiz attempt as plain decisions on dates, so that starting,
 * answering, showing and finishing an attempt all decide alike. Every
 * decision takes `now`; nothing here reads a clock or the database.
 */

/**
 * An answer sent in the last moments before the deadline may arrive a
 * little after it: two seconds covers a slow network round trip and the
 * server's queue. Results withheld until the end are revealed only after the
 * grace too, so nobody can see them and still answer.
 */
export const ANSWER_GRACE_MS = 2_000;

/** Why a start or an answer is refused; the page words each in both languages. */
export const REFUSALS = ["not-open", "closed", "time-up", "finished", "no-attempts-left", "unavailable"] as const;
export type Refusal = (typeof REFUSALS)[number];

/** "not-open" before `opens`, "closed" from `closes` on, else null. */
export function windowRefusal(settings: Pick<QuizSettings, "opens" | "closes">, now: Date): "not-open" | "closed" | null {
  if (settings.opens && now.getTime() < Date.parse(settings.opens)) return "not-open";
  if (settings.closes && now.getTime() >= Date.parse(settings.closes)) return "closed";
  return null;
}

/** Whether the time limit has run out, grace included. */
export function pastDeadline(deadline: Date | null, now: Date): boolean {
  return deadline !== null && now.getTime() > deadline.getTime() + ANSWER_GRACE_MS;
}

/** When the attempt ended: when it was finished, or its deadline once that (and the grace) has passed; null while it runs. */
export function effectiveFinish(finishedAt: Date | null, deadline: Date | null, now: Date): Date | null {
  if (finishedAt) return deadline && deadline < finishedAt ? deadline : finishedAt;
  return pastDeadline(deadline, now) ? deadline : null;
}

/**
 * Whether right answers, scores and explanations may be shown now:
 * "each" always; "end" once the attempt has ended; "after-close" once the
 * quiz has closed.
 */
export function feedbackShown(settings: Pick<QuizSettings, "feedback" | "closes">, ended: boolean, now: Date): boolean {
  const feedback: FeedbackTime = settings.feedback ?? "each";
  if (feedback === "each") return true;
  if (feedback === "end") return ended;
  return settings.closes !== undefined && now.getTime() >= Date.parse(settings.closes);
}

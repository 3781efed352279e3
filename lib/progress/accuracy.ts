import { parseState, TCP_STATES } from "../tcp";
import { countOf, type AnswerRow } from "./progress-rows";

export interface Accuracy {
  /** A topic, a state or a transition key "STATE|event". */
  key: string;
  attempts: number;
  correct: number;
  /** correct / attempts, 0 to 1. */
  accuracy: number;
}

/** "FIN_WAIT_1|rcv FIN" → its state (canonical name when known) and event; null when malformed. */
export function parseTransitionKey(key: string): { state: string; event: string } | null {
  const bar = key.indexOf("|");
  if (bar <= 0 || bar === key.length - 1) return null;
  const raw = key.slice(0, bar).trim();
  return { state: parseState(raw) ?? raw, event: key.slice(bar + 1).trim() };
}

/** Tallies answers under every key `keysOf` gives; an answer counts once per distinct key. */
function tally(answers: readonly AnswerRow[], keysOf: (answer: AnswerRow) => Iterable<string>): Accuracy[] {
  const counts = new Map<string, { attempts: number; correct: number }>();
  for (const answer of answers) {
    for (const key of new Set(keysOf(answer))) {
      const count = counts.get(key) ?? { attempts: 0, correct: 0 };
      count.attempts += countOf(answer);
      if (answer.correct) count.correct += countOf(answer);
      counts.set(key, count);
    }
  }
  return [...counts].map(([key, { attempts, correct }]) => ({ key, attempts, correct, accuracy: correct / attempts }));
}

/** Accuracy per quiz topic (handshake, close, …), most practised first. */
export function accuracyByTopic(answers: readonly AnswerRow[]): Accuracy[] {
  return tally(answers, (answer) => answer.topics).sort((a, b) => b.attempts - a.attempts || a.key.localeCompare(b.key));
}

/** Accuracy per state a question starts from (the STATE of its "STATE|event" keys), in RFC order. */
export function accuracyByState(answers: readonly AnswerRow[]): Accuracy[] {
  const rank = (state: string) => {
    const index = (TCP_STATES as readonly string[]).indexOf(state);
    return index === -1 ? TCP_STATES.length : index;
  };
  return tally(answers, (answer) => answer.tests.flatMap((key) => parseTransitionKey(key)?.state ?? []))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** The transitions answered worst, among those tried at least `minAttempts` times; ties go to the more practised. */
export function weakestTransitions(answers: readonly AnswerRow[], { minAttempts = 2, limit = 6 } = {}): Accuracy[] {
  return tally(answers, (answer) => answer.tests.filter((key) => parseTransitionKey(key) !== null))
    .filter((entry) => entry.attempts >= minAttempts && entry.accuracy < 1)
    .sort((a, b) => a.accuracy - b.accuracy || b.attempts - a.attempts || a.key.localeCompare(b.key))
    .slice(0, limit);
}

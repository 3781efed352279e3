import { stringify } from "yaml";

/*
 * A builder quiz as the YAML a file in content/quizzes/ holds: keys in the
 * order the files there are written (id, title, description, topics,
 * settings, questions, generated, captures; in a question id, type, prompt, its
 * type's fields, explanation, claims), empty lists, empty texts and absent
 * values left out. "Download as file" gives this text, and the draft check
 * reads it as a file, so what the builder reports is what `content:check`
 * would report for the download.
 */

const QUIZ_KEYS = ["id", "title", "description", "author", "topics", "settings", "questions", "generated", "captures"];
const QUESTION_KEYS = ["id", "type", "prompt", "state", "event", "scenario", "side", "lose", "choices", "answer", "claim", "keyPoints", "explanation", "claims"];
const SETTINGS_KEYS = ["seed", "shuffle", "timeLimitMinutes", "attempts", "feedback", "opens", "closes"];
const SLOT_KEYS = ["count", "kinds", "topics", "profile"];
const CAPTURE_SLOT_KEYS = ["capture", "connection", "count", "profile"];
const TEXT_KEYS = ["zh", "en"];

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value`'s keys in `order` first, then any others as written; absent, empty and null values dropped. */
function ordered(value: Plain, order: readonly string[], child: (key: string, value: unknown) => unknown = (_, v) => v): Plain {
  const keys = [...order.filter((key) => key in value), ...Object.keys(value).filter((key) => !order.includes(key))];
  const out: Plain = {};
  for (const key of keys) {
    const item = child(key, value[key]);
    if (!isEmpty(item)) out[key] = item;
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlain(value)) return Object.keys(value).length === 0;
  return false;
}

/** A {zh, en} text: left out when both are blank (an optional description nobody wrote). */
function text(value: unknown): unknown {
  if (!isPlain(value)) return value;
  const blank = (part: unknown) => part === undefined || (typeof part === "string" && part.trim() === "");
  if (blank(value.zh) && blank(value.en)) return undefined;
  return ordered(value, TEXT_KEYS);
}

function question(value: unknown): unknown {
  if (!isPlain(value)) return value;
  return ordered(value, QUESTION_KEYS, (key, item) => {
    if (key === "prompt" || key === "explanation") return text(item);
    if (key === "choices" && Array.isArray(item)) return item.map((choice) => (isPlain(choice) ? ordered(choice, TEXT_KEYS) : choice));
    // An empty answer list is an error to report, not a default to drop.
    if (key === "answer" && Array.isArray(item) && item.length === 0) return undefined;
    return item;
  });
}

/** The draft in the shape and order of a quiz file; unknown keys are kept (the check reports them). */
export function orderedQuiz(definition: unknown): unknown {
  if (!isPlain(definition)) return definition;
  return ordered(definition, QUIZ_KEYS, (key, value) => {
    if (key === "title") return isPlain(value) ? ordered(value, TEXT_KEYS) : value;
    if (key === "description") return text(value);
    if (key === "settings") return isPlain(value) ? ordered(value, SETTINGS_KEYS) : value;
    if (key === "questions" && Array.isArray(value)) return value.map(question);
    if (key === "generated" && Array.isArray(value)) return value.map((slot) => (isPlain(slot) ? ordered(slot, SLOT_KEYS) : slot));
    if (key === "captures" && Array.isArray(value)) return value.map((slot) => (isPlain(slot) ? ordered(slot, CAPTURE_SLOT_KEYS) : slot));
    return value;
  });
}

/** The YAML text of a quiz file for the draft. Long lines are never folded, so that every value sits on its key's line. */
export function quizToYaml(definition: unknown): string {
  return stringify(orderedQuiz(definition), { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { checkContent, quizFileSchema, type ContentFile } from "../content";
import type { Language } from "../i18n/language";
import { planQuiz, type QuestionContext } from "../questions";
import { problemInChinese } from "./problem-zh";
import { quizToYaml } from "./quiz-yaml";

/*
 * The builder's check of a draft: exactly the machine checks a file in
 * content/quizzes/ gets (the schema, every answer against the machine,
 * claims, known errors), run on the YAML the draft downloads as, each
 * problem keyed by the field path it concerns ("questions.2.answer") so the
 * editor can show it beside that field. Generated slots that the question
 * generators cannot fill are problems too: a published quiz must hold the
 * questions it promises.
 */

export interface DraftProblem {
  /** Dotted path of the field in the definition ("settings.closes"); "" for the quiz as a whole. */
  path: string;
  message: string;
}

export interface DraftCheckOptions {
  lang: Language;
  /** For the shortfall check of generated slots; without it only the file checks run. */
  context?: QuestionContext;
  /** content/misconceptions/ files, so that prose stating a known error is flagged as in a file. */
  misconceptions?: readonly ContentFile[];
}

/** Quiz ids are kebab-case; a draft with another id is checked under this name (the schema reports the id). */
const FALLBACK_NAME = "draft";

export function checkDraft(definition: unknown, options: DraftCheckOptions): DraftProblem[] {
  const yaml = quizToYaml(definition);
  const id = (definition as { id?: unknown } | null)?.id;
  const name = typeof id === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? id : FALLBACK_NAME;
  const path = `content/quizzes/${name}.yaml`;
  const report = checkContent([...(options.misconceptions ?? []), { path, text: yaml }]);
  const lines = linePaths(yaml);
  const problems: DraftProblem[] = report.problems
    .filter((problem) => problem.path === path)
    // The builder names the file after the id, so it always matches.
    .filter((problem) => !/ must match the file name /.test(problem.message))
    .map((problem) => located(problem.message, lines.get(problem.line) ?? ""));
  problems.push(...shortfalls(definition, options.context));
  const unique = new Map(problems.map((problem) => [`${problem.path}\n${problem.message}`, problem]));
  return [...unique.values()].map((problem) => ({ path: problem.path, message: options.lang === "zh" ? problemInChinese(problem.message) : problem.message }));
}

/** Schema problems name their path ("questions[0].answer: …", "missing title.zh …"): taken from there; others by line. */
function located(message: string, pathOfLine: string): DraftProblem {
  const prefixed = /^((?:[A-Za-z]\w*)(?:\[\d+\]|\.[A-Za-z]\w*)*): (.*)$/s.exec(message);
  if (prefixed && !message.startsWith("claim: ")) return { path: dotted(prefixed[1]!), message: prefixed[2]! };
  const missing = /^missing ((?:[A-Za-z]\w*)(?:\[\d+\]|\.[A-Za-z]\w*)*)/.exec(message);
  if (missing) return { path: dotted(missing[1]!), message };
  return { path: pathOfLine, message };
}

function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1");
}

/** Each line of the YAML → the path of the deepest key or list item that starts on it. */
function linePaths(yaml: string): Map<number, string> {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter });
  const map = new Map<number, string>();
  const mark = (range: readonly number[] | undefined | null, path: (string | number)[]) => {
    if (!range) return;
    map.set(counter.linePos(range[0]!).line, path.join("."));
  };
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        mark((pair.key as { range?: number[] } | null)?.range, [...path, key]);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        mark((item as { range?: number[] } | null)?.range, [...path, index]);
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return map;
}

function shortfalls(definition: unknown, context: QuestionContext | undefined): DraftProblem[] {
  if (!context) return [];
  const parsed = quizFileSchema.safeParse(definition);
  if (!parsed.success || parsed.data.generated.length + (parsed.data.captures?.length ?? 0) === 0) return [];
  // A quiz's one seed is what every student gets; per-student, seed 1 stands for any.
  const seed = typeof parsed.data.settings?.seed === "number" ? parsed.data.settings.seed : 1;
  const quiz = { ...parsed.data, settings: { ...parsed.data.settings, shuffle: false } };
  return planQuiz(quiz, `draft:${parsed.data.id}`, seed, context).shortfalls.map((shortfall) => ({
    path: `${shortfall.field}.${shortfall.slot}.count`,
    message:
      shortfall.field === "generated"
        ? `only ${shortfall.got} different questions of these kinds and topics can be made, not ${shortfall.wanted}`
        : `only ${shortfall.got} different questions can be drawn from this connection, not ${shortfall.wanted}`,
  }));
}

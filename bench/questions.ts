import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { checkContent } from "../lib/content";
import { loadContentFiles } from "../lib/content/load-content-files";
import { contextFromContent, generateQuestion, generateQuestions, QUESTION_KINDS, type QuestionKind } from "../lib/questions";
import { median } from "./stats";

/*
 * How fast questions are made and content is checked, in this process.
 * Part of `npm run bench`; `npx tsx bench/questions.ts` prints the figures alone.
 */

export interface QuestionFigures {
  /** Questions generated per second, by kind, and for a mixed batch of 10,000. */
  questions_per_s: Partial<Record<QuestionKind | "mixed", number>>;
  /** Reading and checking content/ (every claim against the machine), the median of three runs. */
  content_check_ms: number;
}

export function measureQuestions(dir = "content"): QuestionFigures {
  const checks: number[] = [];
  let report = checkContent(loadContentFiles(dir));
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    report = checkContent(loadContentFiles(dir));
    checks.push(performance.now() - start);
  }
  const context = contextFromContent(report);

  const perSecond: QuestionFigures["questions_per_s"] = {};
  for (const kind of QUESTION_KINDS) {
    if (kind === "why" && context.whyCards.length === 0) continue;
    for (let seed = 0; seed < 50; seed++) generateQuestion(kind, seed, context);
    const start = performance.now();
    for (let seed = 0; seed < 1000; seed++) generateQuestion(kind, seed, context);
    perSecond[kind] = Math.round(1000 / ((performance.now() - start) / 1000));
  }
  const start = performance.now();
  const questions = generateQuestions({ count: 10_000, seed: 1 }, context);
  perSecond.mixed = Math.round(questions.length / ((performance.now() - start) / 1000));
  return { questions_per_s: perSecond, content_check_ms: Math.round(median(checks)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = measureQuestions();
  for (const [kind, rate] of Object.entries(figures.questions_per_s)) console.log(`${kind.padEnd(12)} ${rate} questions/s`);
  console.log(`\ncontent check ${figures.content_check_ms} ms`);
}

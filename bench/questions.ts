import { performance } from "node:perf_hooks";
import { checkContent } from "../lib/content";
import { loadContentFiles } from "../lib/content/load-content-files";
import { contextFromContent, generateQuestion, generateQuestions, QUESTION_KINDS } from "../lib/questions";

/*
 * How fast questions are made: `npx tsx bench/questions.ts`. Prints figures;
 * the goal (10 000 questions in a few seconds) is read here, not asserted in a test.
 */
const context = contextFromContent(checkContent(loadContentFiles("content")));

for (const kind of QUESTION_KINDS) {
  if (kind === "why" && context.whyCards.length === 0) continue;
  const start = performance.now();
  for (let seed = 0; seed < 1000; seed++) generateQuestion(kind, seed, context);
  const ms = performance.now() - start;
  console.log(`${kind.padEnd(12)} ${(ms / 1000).toFixed(3)} ms per question`);
}

const start = performance.now();
const questions = generateQuestions({ count: 10_000, seed: 1 }, context);
console.log(`\n${questions.length} mixed questions in ${((performance.now() - start) / 1000).toFixed(2)} s`);

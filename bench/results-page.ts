import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../lib/server/prisma-client";
import { loadQuestionSource } from "../lib/server/question-source";
import { resultsQuiz, seedResults } from "../test/server/results-seed";
import { median, roundMs } from "./stats";

/*
 * scale.results_ms: the instructor's results page (GET over HTTP with the
 * instructor's cookie, from the production server the bench runs) for a
 * published quiz of 10 fixed questions and a generated slot of 3, taken by
 * 10, 100 and 1,000 students. Attempts and answers are written straight
 * with createMany (test/server/results-seed.ts), each answer checked by the
 * app's checker, so that seeding 1,000 students takes seconds, not the
 * minutes the quiz player would.
 */

export const RESULTS_SIZES = { "10": 10, "100": 100, "1000": 1_000 } as const;

/** `databaseUrl`: the servers' database, where the results are seeded. */
export async function measureResultsPage(baseUrl: string, databaseUrl: string, log: (line: string) => void): Promise<Record<string, number>> {
  const db = createPrismaClient(databaseUrl);
  const quizzes: [string, { quizId: string; token: string }][] = [];
  try {
    const source = await loadQuestionSource(db);
    for (const [label, students] of Object.entries(RESULTS_SIZES)) {
      const start = performance.now();
      const seeded = await seedResults(db, source.context, { students, quiz: resultsQuiz(10, 3) });
      log(`scale: results of ${label} students seeded in ${Math.round(performance.now() - start)} ms`);
      quizzes.push([label, seeded]);
    }
  } finally {
    await db.$disconnect();
  }
  const request = (quizId: string, token: string) => fetch(`${baseUrl}/instructor/quizzes/${quizId}/results`, { headers: { cookie: `synack_instructor=${token}` }, redirect: "manual" });
  const get = async (quizId: string, token: string) => {
    // Seeding 1,000 students outlasts the server's keep-alive: the first request may meet a pooled socket it has just closed.
    const response = await request(quizId, token).catch(() => request(quizId, token));
    const body = await response.text();
    if (response.status !== 200 || !body.includes('data-testid="heat-map"')) throw new Error(`results page answered ${response.status}`);
  };
  for (const [, { quizId, token }] of quizzes) for (let run = 0; run < 3; run++) await get(quizId, token);
  // Rounds over the sizes, so that a busy moment of the machine does not fall on one size alone.
  const samples = new Map(quizzes.map(([label]) => [label, [] as number[]]));
  for (let round = 0; round < 3; round++) {
    for (const [label, { quizId, token }] of quizzes) {
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        await get(quizId, token);
        samples.get(label)!.push(performance.now() - start);
      }
    }
  }
  return Object.fromEntries([...samples].map(([label, taken]) => [label, roundMs(median(taken))]));
}

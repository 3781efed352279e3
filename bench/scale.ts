import { performance } from "node:perf_hooks";
import { buildProgressReport } from "../lib/progress/progress-report";
import type { PrismaClient } from "../lib/server/prisma-client";
import { readProgressRows } from "../lib/server/progress-data";
import { reviewStatus } from "../lib/server/review-store";
import { createCountingClient, type RecordedQuery } from "../test/server/counting-client";
import { seedCards, seedProgress } from "../test/server/scale-seed";
import { createTestDatabase } from "../test/server/test-database";
import { median, roundMs } from "./stats";

/*
 * How the review queue (GET /api/review, and the card shown after a grade)
 * and the progress page grow with a learner's history and with the content,
 * timed in this process through the data layer the routes call, each on its
 * own SQLite file. The statements each call runs are counted below Prisma:
 * their number and the most values any one binds must not grow with the data.
 *
 * A learner of the series has a state for each of N cards (half of them due
 * now, half tomorrow) and one review of each, made over the past year in one
 * session a day (test/server/scale-seed.ts), through the progress import.
 */

const NOW = new Date();
const LEARNER_SIZES = { "1k": 1_000, "10k": 10_000, "100k": 100_000 } as const;
const CONTENT_SIZES = { "100": 100, "1k": 1_000, "10k": 10_000 } as const;
/** The learner of the content series has studied this many of its cards. */
const CONTENT_LEARNER_CARDS = 100;

export interface ScaleFigures {
  due_ms: Record<string, number>;
  progress_ms: Record<string, number>;
  content_due_ms: Record<string, number>;
  content_progress_ms: Record<string, number>;
  /** Statements per call and the most values one binds, at the largest size. */
  due_queries: number;
  progress_queries: number;
  max_params: number;
}

/** Each call's time, once warm: the median of `runs` calls. */
async function times(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let run = 0; run < 3; run++) await call();
  const taken: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await call();
    taken.push(performance.now() - start);
  }
  return taken;
}

async function timed(runs: number, call: () => Promise<unknown>): Promise<number> {
  return roundMs(median(await times(runs, call)));
}

const due = (db: PrismaClient, learnerId: string) => () => reviewStatus(db, learnerId, NOW, { fuzz: true });
const progress = (db: PrismaClient, learnerId: string) => async () => buildProgressReport(await readProgressRows(db, learnerId), NOW, "UTC");

/** Statements one call runs and the most values any of them binds. */
async function counted(queries: RecordedQuery[], call: () => Promise<unknown>): Promise<{ count: number; maxParams: number }> {
  queries.length = 0;
  await call();
  return { count: queries.length, maxParams: Math.max(0, ...queries.map((query) => query.params)) };
}

async function learnerSeries(log: (line: string) => void) {
  const database = createTestDatabase();
  await database.db.$disconnect();
  const largest = Math.max(...Object.values(LEARNER_SIZES));
  const cardIds = seedCards(database.url, largest);
  const { db, queries } = createCountingClient(database.url);
  const result = { due_ms: {} as Record<string, number>, progress_ms: {} as Record<string, number>, due_queries: 0, progress_queries: 0, max_params: 0 };
  try {
    const learners: [string, string][] = [];
    for (const [label, size] of Object.entries(LEARNER_SIZES)) {
      const learnerId = (await db.learner.create({ data: { tokenHash: `bench-${label}` } })).id;
      const start = performance.now();
      await seedProgress(db, learnerId, cardIds.slice(0, size), NOW, { spreadDays: 365 });
      log(`scale: learner with ${label} card states and reviews seeded in ${Math.round(performance.now() - start)} ms`);
      learners.push([label, learnerId]);
    }
    // The first calls of a process are slower (JIT, SQLite's page cache): warm up on the smallest learner first.
    for (let run = 0; run < 20; run++) await Promise.all([due(db, learners[0]![1])(), progress(db, learners[0]![1])()]);
    // Three rounds over the sizes, so that a busy moment of the machine does not fall on one size alone.
    const samples = new Map(learners.map(([label]) => [label, { due: [] as number[], progress: [] as number[] }]));
    for (let round = 0; round < 3; round++) {
      for (const [label, learnerId] of learners) {
        samples.get(label)!.due.push(...(await times(10, due(db, learnerId))));
        samples.get(label)!.progress.push(...(await times(label === "100k" ? 2 : 4, progress(db, learnerId))));
      }
    }
    for (const [label, learnerId] of learners) {
      result.due_ms[label] = roundMs(median(samples.get(label)!.due));
      result.progress_ms[label] = roundMs(median(samples.get(label)!.progress));
      const dueCount = await counted(queries, due(db, learnerId));
      const progressCount = await counted(queries, progress(db, learnerId));
      result.due_queries = dueCount.count;
      result.progress_queries = progressCount.count;
      result.max_params = Math.max(result.max_params, dueCount.maxParams, progressCount.maxParams);
    }
  } finally {
    await db.$disconnect();
  }
  return result;
}

async function contentSeries() {
  const database = createTestDatabase();
  const { db } = database;
  const result = { content_due_ms: {} as Record<string, number>, content_progress_ms: {} as Record<string, number> };
  try {
    const learnerId = (await db.learner.create({ data: { tokenHash: "bench-content" } })).id;
    let seeded = 0;
    for (const [label, size] of Object.entries(CONTENT_SIZES)) {
      const ids = seedCards(database.url, size, seeded);
      if (seeded === 0) {
        await seedProgress(db, learnerId, ids.slice(0, CONTENT_LEARNER_CARDS), NOW, { spreadDays: 30 });
        for (let run = 0; run < 20; run++) await Promise.all([due(db, learnerId)(), progress(db, learnerId)()]);
      }
      seeded = size;
      result.content_due_ms[label] = await timed(15, due(db, learnerId));
      result.content_progress_ms[label] = await timed(10, progress(db, learnerId));
    }
  } finally {
    await db.$disconnect();
  }
  return result;
}

export async function measureScale(log: (line: string) => void = console.log): Promise<ScaleFigures> {
  const learners = await learnerSeries(log);
  const content = await contentSeries();
  return {
    due_ms: learners.due_ms,
    progress_ms: learners.progress_ms,
    content_due_ms: content.content_due_ms,
    content_progress_ms: content.content_progress_ms,
    due_queries: learners.due_queries,
    progress_queries: learners.progress_queries,
    max_params: learners.max_params,
  };
}

import { createHash } from "node:crypto";
import { Prisma } from "@/lib/server/generated/prisma/client";
import type { PrismaClient } from "@/lib/server/prisma-client";

/**
 * A learner with a little of everything: two card states, three reviews, a
 * quiz session with two answers and one answer outside any session.
 * `tag` keeps each learner's rows apart (and visibly so in a failure).
 */
export async function seedLearner(db: PrismaClient, tag: string, base = new Date("2025-03-01T09:00:00Z")): Promise<string> {
  const minutes = (n: number) => new Date(base.getTime() + n * 60_000);
  const learner = await db.learner.create({
    data: { tokenHash: createHash("sha256").update(`token-${tag}`).digest("hex"), displayName: `Learner ${tag}`, newCardsPerDay: 15 },
  });
  const learnerId = learner.id;
  // As gradeCard keeps it in ReviewLog.before: dates as ISO text.
  const stateBefore = { due: minutes(0).toISOString(), stability: 2.5, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: minutes(0).toISOString() };
  await db.cardState.createMany({
    data: ["c1", "c2"].map((cardId, i) => ({
      learnerId,
      cardId,
      due: minutes(60 * 24 * (i + 2)),
      stability: 3.5 + i,
      difficulty: 5.25,
      elapsedDays: 1,
      scheduledDays: 2 + i,
      learningSteps: 0,
      reps: 3,
      lapses: i,
      state: 2,
      lastReview: minutes(i),
    })),
  });
  await db.reviewLog.createMany({
    data: [0, 1, 2].map((i) => ({
      learnerId,
      cardId: i === 2 ? "c2" : "c1",
      rating: i === 1 ? 1 : 3,
      state: i === 0 ? 0 : 2,
      due: minutes(i),
      stability: 1.5,
      difficulty: 5,
      elapsedDays: i,
      lastElapsedDays: 0,
      scheduledDays: 1,
      learningSteps: 0,
      review: minutes(i),
      before: i === 0 ? Prisma.DbNull : { ...stateBefore, reps: i, lastReview: minutes(i - 1).toISOString() },
    })),
  });
  const session = await db.studySession.create({
    data: {
      learnerId,
      mode: "quiz",
      config: { mode: "quiz", topics: ["close"], length: 3, weakSpots: false },
      questions: [{ source: "generated", kind: "next-state", seed: 1 }],
      createdAt: minutes(10),
      finishedAt: minutes(20),
    },
  });
  await db.answer.createMany({
    data: [
      { sessionId: session.id, position: 0, questionId: `q-${tag}-1`, correct: true, score: 1, tests: ["FIN_WAIT_1|rcv FIN"], topics: ["close"], createdAt: minutes(11) },
      { sessionId: session.id, position: 1, questionId: `q-${tag}-2`, correct: false, score: 0.5, tests: ["LAST_ACK|rcv ACK"], topics: ["close"], createdAt: minutes(12) },
      { sessionId: null, position: null, questionId: `q-${tag}-3`, correct: true, score: 1, tests: [], topics: ["handshake"], createdAt: minutes(30) },
    ].map((a) => ({ ...a, learnerId, kind: "next-state", response: { kind: "choice", choice: tag } })),
  });
  return learnerId;
}

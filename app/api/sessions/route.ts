import { randomInt } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey, storedReply, type IdempotencyKey } from "@/lib/server/idempotency";
import { ensureLearner, findLearner } from "@/lib/server/learner";
import { loadQuestionSource } from "@/lib/server/question-source";
import { checkWindow, fileQuizTarget, sessionErrorResponse, startAttempt } from "@/lib/server/quiz-attempts";
import { planSession, SessionError, sessionConfigSchema, storeSession } from "@/lib/server/quiz-store";
import { readBody } from "@/lib/server/request-body";

/**
 * POST /api/sessions {mode, topics, length, weakSpots, quizId?, minutes?}: a new quiz or interview for this learner.
 * With a quizId, an attempt at that file quiz under its rules (dates, attempts, time limit; 409 with the rule's code).
 * An Idempotency-Key makes a retry safe (one session, not two).
 */
export async function POST(request: Request) {
  return handled("create session", async () => {
    const body = await readBody(request, sessionConfigSchema);
    if ("response" in body) return body.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
    if (body.data.quizId) return startFileQuiz(request, key, body.data.quizId, body.data);
    let refs;
    try {
      // Planned before the learner is created, so that a refused request stores nothing.
      refs = await planSession(db, (await findLearner())?.id ?? null, body.data, await loadQuestionSource(db), randomInt(0, 2 ** 32));
    } catch (error) {
      if (error instanceof SessionError) return jsonError(error.status, error.message);
      throw error;
    }
    const learner = await ensureLearner();
    return idempotent(key, learner.id, request, body.data, async (db) => {
      const id = await storeSession(db, learner.id, body.data, refs);
      return NextResponse.json({ id }, { status: 201 });
    });
  });
}

/** An attempt at a file quiz: refusals a new visitor would get come before the learner is created, so they store nothing. */
async function startFileQuiz(request: Request, key: IdempotencyKey, quizId: string, body: unknown): Promise<Response> {
  // A retry of a start that succeeded gets that start's answer, even if the quiz's rules would refuse a new one now.
  const replay = await storedReply(key, (await findLearner())?.id ?? null, request, body);
  if (replay) return replay;
  const source = await loadQuestionSource(db);
  const quiz = source.quizzes.find((candidate) => candidate.id === quizId);
  if (!quiz) return jsonError(404, `no quiz "${quizId}"`);
  const target = fileQuizTarget(quiz);
  const now = new Date();
  // The dates refuse before a new visitor's learner is created; the attempt count is startAttempt's, under the
  // learner's lock (see app/api/q/[code]/attempts/route.ts).
  try {
    checkWindow(target, now);
  } catch (error) {
    if (error instanceof SessionError) return sessionErrorResponse(error);
    throw error;
  }
  const learner = await ensureLearner();
  return idempotent(key, learner.id, request, body, async (tx) => {
    try {
      const { id } = await startAttempt(tx, learner.id, target, { studentName: null, attemptSeed: randomInt(0, 2 ** 32), context: source.context, now });
      return NextResponse.json({ id }, { status: 201 });
    } catch (error) {
      if (error instanceof SessionError) return sessionErrorResponse(error);
      throw error;
    }
  });
}

import { randomInt } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey, storedReply } from "@/lib/server/idempotency";
import { ensureLearner, findLearner } from "@/lib/server/learner";
import { loadQuestionSource, quizContext } from "@/lib/server/question-source";
import { checkWindow, findSharedQuiz, sessionErrorResponse, startAttempt } from "@/lib/server/quiz-attempts";
import { SessionError } from "@/lib/server/quiz-store";
import { readBody } from "@/lib/server/request-body";

const startAttemptSchema = z.strictObject({
  name: z
    .string({ error: "name must be text" })
    .trim()
    .min(1, "give your name")
    .max(60, "at most 60 characters")
    .regex(/^[^\p{Cc}]*$/u, "must not hold control characters"),
});

/**
 * POST /api/q/:code/attempts {name}: a new attempt at the shared quiz for
 * this learner, or 409 with the rule that refuses it (not open yet, closed,
 * attempts used up, not published). An Idempotency-Key makes a retry safe.
 */
export async function POST(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return handled("start attempt", async () => {
    const body = await readBody(request, startAttemptSchema);
    if ("response" in body) return body.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
    // A retry of a start that succeeded gets that start's answer, even if the quiz's rules would refuse a new one now.
    const replay = await storedReply(key, (await findLearner())?.id ?? null, request, body.data);
    if (replay) return replay;
    const shared = await findSharedQuiz(db, (await params).code);
    if (shared.status === "missing") return jsonError(404, "no quiz has this code");
    if (shared.status === "unavailable") return sessionErrorResponse(new SessionError("this quiz is not being taken now", 409, "unavailable"));
    const { target } = shared;
    const now = new Date();
    // The dates refuse before a new visitor's learner is created, so that a refused start stores nothing. The attempt
    // count is startAttempt's, under the learner's lock; one checked here as well would refuse the second of two
    // identical requests sent at once, when the first had committed, instead of answering it from its key.
    try {
      checkWindow(target, now);
    } catch (error) {
      if (error instanceof SessionError) return sessionErrorResponse(error);
      throw error;
    }
    const context = await quizContext(db, (await loadQuestionSource(db)).context, target.quiz, target.quiz.ownerId);
    const learner = await ensureLearner();
    return idempotent(key, learner.id, request, body.data, async (tx) => {
      try {
        const started = await startAttempt(tx, learner.id, target, { studentName: body.data.name, attemptSeed: randomInt(0, 2 ** 32), context, now });
        return NextResponse.json(started, { status: 201 });
      } catch (error) {
        if (error instanceof SessionError) return sessionErrorResponse(error);
        throw error;
      }
    });
  });
}

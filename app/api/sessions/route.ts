import { randomInt } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey } from "@/lib/server/idempotency";
import { ensureLearner, findLearner } from "@/lib/server/learner";
import { loadQuestionSource } from "@/lib/server/question-source";
import { planSession, SessionError, sessionConfigSchema, storeSession } from "@/lib/server/quiz-store";
import { readBody } from "@/lib/server/request-body";

/** POST /api/sessions {mode, topics, length, weakSpots, quizId?, minutes?}: a new quiz or interview for this learner. An Idempotency-Key makes a retry safe (one session, not two). */
export async function POST(request: Request) {
  return handled("create session", async () => {
    const body = await readBody(request, sessionConfigSchema);
    if ("response" in body) return body.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
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

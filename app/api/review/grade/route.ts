import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey } from "@/lib/server/idempotency";
import { ensureLearner } from "@/lib/server/learner";
import { readBody } from "@/lib/server/request-body";
import { gradeBodySchema } from "@/lib/server/review-api";
import { gradeCard, isReviewableCard, ReviewError, reviewStatus } from "@/lib/server/review-store";

/** POST /api/review/grade {cardId, grade, tz?}: records the grade with FSRS and returns the next card. An Idempotency-Key makes a retry safe. */
export async function POST(request: Request) {
  return handled("review grade", async () => {
    const body = await readBody(request, gradeBodySchema);
    if ("response" in body) return body.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
    // Checked before the learner is created, so that a refused grade stores nothing.
    if (!(await isReviewableCard(db, body.data.cardId))) return jsonError(404, `no card "${body.data.cardId}"`, { cardId: "no such card" });
    const learner = await ensureLearner();
    return idempotent(key, learner.id, request, body.data, async (db) => {
      const now = new Date();
      try {
        await gradeCard(db, learner.id, body.data.cardId, body.data.grade, now, { fuzz: true });
      } catch (error) {
        if (error instanceof ReviewError) return jsonError(error.status, error.message);
        throw error;
      }
      return NextResponse.json(await reviewStatus(db, learner.id, now, { timezoneOffset: body.data.tz, fuzz: true }));
    });
  });
}

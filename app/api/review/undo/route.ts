import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey } from "@/lib/server/idempotency";
import { findLearner } from "@/lib/server/learner";
import { readBody } from "@/lib/server/request-body";
import { undoBodySchema } from "@/lib/server/review-api";
import { ReviewError, reviewCardFor, reviewStatus, showingFirst, undoLastReview } from "@/lib/server/review-store";

/** POST /api/review/undo {tz?}: takes back the last grade and shows that card again. A first visit has nothing to undo. An Idempotency-Key makes a retry safe (it would otherwise undo a second grade). */
export async function POST(request: Request) {
  return handled("review undo", async () => {
    const body = await readBody(request, undoBodySchema);
    if ("response" in body) return body.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
    const learner = await findLearner();
    if (!learner) return jsonError(409, "nothing to undo");
    return idempotent(key, learner.id, request, body.data, async (db) => {
      const now = new Date();
      let cardId: string;
      try {
        cardId = await undoLastReview(db, learner.id);
      } catch (error) {
        if (error instanceof ReviewError) return jsonError(error.status, error.message);
        throw error;
      }
      const status = await reviewStatus(db, learner.id, now, { timezoneOffset: body.data.tz, fuzz: true });
      return NextResponse.json(showingFirst(status, await reviewCardFor(db, learner.id, cardId, now, { fuzz: true })));
    });
  });
}

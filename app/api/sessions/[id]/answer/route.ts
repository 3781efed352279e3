import { NextResponse } from "next/server";
import { z } from "zod";
import { learnerResponseSchema } from "@/lib/questions";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { idempotent, readIdempotencyKey } from "@/lib/server/idempotency";
import { findLearner } from "@/lib/server/learner";
import { loadQuestionSource } from "@/lib/server/question-source";
import { answerQuestion, SessionError } from "@/lib/server/quiz-store";
import { sessionErrorResponse } from "@/lib/server/quiz-attempts";
import { readBody, readPathId } from "@/lib/server/request-body";

const answerBodySchema = z.strictObject({
  position: z.number({ error: "position must be a number" }).int().min(0).max(200),
  response: learnerResponseSchema,
});

/** POST /api/sessions/:id/answer {position, response}: checked on the server against the machine. An Idempotency-Key makes a retry safe. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled("answer", async () => {
    const body = await readBody(request, answerBodySchema);
    if ("response" in body) return body.response;
    const path = await readPathId(params, "session");
    if ("response" in path) return path.response;
    const key = readIdempotencyKey(request);
    if ("response" in key) return key.response;
    const learner = await findLearner();
    if (!learner) return jsonError(404, "no such session");
    const source = await loadQuestionSource(db);
    return idempotent(key, learner.id, request, body.data, async (db) => {
      try {
        const view = await answerQuestion(db, learner.id, path.id, body.data.position, body.data.response, source, new Date());
        return NextResponse.json(view);
      } catch (error) {
        if (error instanceof SessionError) return sessionErrorResponse(error);
        throw error;
      }
    });
  });
}

import { randomInt } from "node:crypto";
import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError, readBody } from "@/lib/server/api-response";
import { ensureLearner } from "@/lib/server/learner";
import { loadQuestionSource } from "@/lib/server/question-source";
import { createSession, SessionError, sessionConfigSchema } from "@/lib/server/quiz-store";

/** POST /api/sessions {mode, topics, length, weakSpots, quizId?, minutes?}: a new quiz or interview for this learner. */
export async function POST(request: Request) {
  return handled("create session", async () => {
    const body = await readBody(request, sessionConfigSchema);
    if ("response" in body) return body.response;
    const learner = await ensureLearner();
    try {
      const id = await createSession(db, learner.id, body.data, await loadQuestionSource(db), randomInt(0, 2 ** 32));
      return NextResponse.json({ id }, { status: 201 });
    } catch (error) {
      if (error instanceof SessionError) return jsonError(error.status, error.message);
      throw error;
    }
  });
}

import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { findLearner } from "@/lib/server/learner";
import { finishSession, SessionError } from "@/lib/server/quiz-store";
import { readEmptyBody, readPathId } from "@/lib/server/request-body";

/** POST /api/sessions/:id/finish (no body, or {}): marks the session done (time ran out, or the learner stopped). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handled("finish session", async () => {
    const body = await readEmptyBody(request);
    if ("response" in body) return body.response;
    const path = await readPathId(params, "session");
    if ("response" in path) return path.response;
    const learner = await findLearner();
    if (!learner) return jsonError(404, "no such session");
    try {
      await finishSession(db, learner.id, path.id, new Date());
      return NextResponse.json({ ok: true });
    } catch (error) {
      if (error instanceof SessionError) return jsonError(error.status, error.message);
      throw error;
    }
  });
}

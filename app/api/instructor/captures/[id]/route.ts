import { NextResponse } from "next/server";
import { jsonError } from "@/lib/server/api-response";
import { CaptureInUse, CaptureNotFound, deleteCapture } from "@/lib/server/capture-store";
import { db } from "@/lib/server/db";
import { instructorApi } from "@/lib/server/instructor-quiz-api";
import { readEmptyBody, readPathId } from "@/lib/server/request-body";

/**
 * DELETE /api/instructor/captures/:id: deletes an own upload (204). 404 for
 * another instructor's or a missing one; 409 with the quizzes while a draft
 * or a published version names it.
 */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }) {
  return instructorApi("delete capture", async (instructor) => {
    const path = await readPathId(context.params, "capture");
    if ("response" in path) return path.response;
    const body = await readEmptyBody(request);
    if ("response" in body) return body.response;
    try {
      await deleteCapture(db, instructor.id, path.id);
      return new NextResponse(null, { status: 204 });
    } catch (error) {
      if (error instanceof CaptureNotFound) return jsonError(404, "no such capture");
      if (error instanceof CaptureInUse) return NextResponse.json({ error: error.message, quizzes: error.quizzes }, { status: 409 });
      throw error;
    }
  });
}

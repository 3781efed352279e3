import { NextResponse } from "next/server";
import { handled, jsonError, readBody } from "@/lib/server/api-response";
import { ensureLearner } from "@/lib/server/learner";
import { mergeProgressFile } from "@/lib/server/progress-queries";
import { progressFileSchema } from "@/lib/progress/progress-file";

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * POST /api/progress/import with an exported file as the body: merged into
 * this learner's progress (created on the spot, so a new browser can take
 * over), answered with counts of what was added. A bad file is a 400 naming
 * each field path (answers.3.createdAt), and nothing is written.
 */
export async function POST(request: Request) {
  return handled("progress import", async () => {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return jsonError(413, "the file is larger than 20 MB");
    const body = await readBody(request, progressFileSchema);
    if ("response" in body) return body.response;
    const learner = await ensureLearner();
    const result = await mergeProgressFile(learner.id, body.data);
    return NextResponse.json({ ok: true, ...result });
  });
}

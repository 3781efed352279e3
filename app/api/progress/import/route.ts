import { NextResponse } from "next/server";
import { handled, jsonError } from "@/lib/server/api-response";
import { ensureLearner } from "@/lib/server/learner";
import { checkProgressFile } from "@/lib/server/progress-file-check";
import { mergeProgressFile } from "@/lib/server/progress-queries";
import { readJson } from "@/lib/server/request-body";

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * POST /api/progress/import with an exported file as the body: merged into
 * this learner's progress (created on the spot, so a new browser can take
 * over), answered with counts of what was added. The body is cut off at
 * 20 MB however it is sent (413). A bad file is a 400 naming each field path
 * (answers.3.createdAt, sessions.0.config.topics.1), and nothing is written.
 */
export async function POST(request: Request) {
  return handled("progress import", async () => {
    const body = await readJson(request, { maxBytes: MAX_IMPORT_BYTES, tooLargeMessage: "the file is larger than 20 MB" });
    if ("response" in body) return body.response;
    const checked = await checkProgressFile(body.value);
    if ("fields" in checked) return jsonError(400, "the file is not a valid SynAck progress file", checked.fields);
    const learner = await ensureLearner();
    const result = await mergeProgressFile(learner.id, checked.file);
    return NextResponse.json({ ok: true, ...result });
  });
}

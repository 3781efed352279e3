import { handled } from "@/lib/server/api-response";
import { findLearner } from "@/lib/server/learner";
import { getProgressFile, getTimeZone } from "@/lib/server/progress-queries";
import { dayKey } from "@/lib/progress/local-day";
import { progressFileName } from "@/lib/progress/progress-file";

/**
 * GET /api/progress/export: every row of this learner's as a JSON download.
 * A first visit gets a valid, empty file rather than an error.
 */
export async function GET() {
  return handled("progress export", async () => {
    const now = new Date();
    const learner = await findLearner();
    const file = await getProgressFile(learner?.id ?? null, now);
    const name = progressFileName(dayKey(now, await getTimeZone()));
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  });
}

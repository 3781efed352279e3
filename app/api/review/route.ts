import { NextResponse } from "next/server";
import { db } from "@/lib/server/db";
import { handled, jsonError } from "@/lib/server/api-response";
import { findLearner } from "@/lib/server/learner";
import { timezoneOffsetSchema } from "@/lib/server/review-api";
import { reviewStatus } from "@/lib/server/review-store";

/** GET /api/review?tz=-480: the next card and the day's counts for this learner (a first visit sees new cards). */
export async function GET(request: Request) {
  return handled("review status", async () => {
    const raw = new URL(request.url).searchParams.get("tz");
    const tz = raw === null ? { success: true as const, data: 0 } : timezoneOffsetSchema.safeParse(Number(raw));
    if (!tz.success) return jsonError(400, "tz must be minutes west of UTC, between -840 and 840", { tz: "out of range" });
    const learner = await findLearner();
    return NextResponse.json(await reviewStatus(db, learner?.id ?? "", new Date(), { timezoneOffset: tz.data, fuzz: true }));
  });
}

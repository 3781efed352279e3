import { NextResponse } from "next/server";
import { handled } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { ensureLearner } from "@/lib/server/learner";
import { profileSchema, updateProfile } from "@/lib/server/profile-store";
import { readBody } from "@/lib/server/request-body";

/** POST /api/profile {displayName?, newCardsPerDay?}: the learner's own settings; a first save creates the learner. */
export async function POST(request: Request) {
  return handled("profile", async () => {
    const body = await readBody(request, profileSchema);
    if ("response" in body) return body.response;
    const learner = await ensureLearner();
    const profile = await updateProfile(db, learner.id, body.data);
    return NextResponse.json({ ok: true, ...profile });
  });
}

import { NextResponse } from "next/server";
import { z } from "zod";
import { format } from "@/lib/i18n/translate";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { handled, jsonError } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { changePassword } from "@/lib/server/instructor-accounts";
import { requireInstructorApi } from "@/lib/server/instructor-auth";
import { beginLoginAttempt, clientAddress, finishLoginAttempt } from "@/lib/server/login-rate-limit";
import { passwordProblemMessage } from "@/lib/server/passwords";
import { getLanguage } from "@/lib/server/preferences";
import { readBody } from "@/lib/server/request-body";

const passwordSchema = z.strictObject({
  current: z.string().min(1, "is required").max(1000, "is longer than any password"),
  next: z.string().max(1000, "is longer than any password"),
});

/**
 * POST /api/instructor/password {current, next}: the signed-in instructor's
 * own password (a one-time one included). Other sessions end; this one stays.
 * A refusal is a 400 whose field message is in the instructor's language.
 * A wrong current password counts as a failed sign-in, so a session left
 * open cannot be used to guess it faster than the login page allows.
 */
export async function POST(request: Request) {
  return handled("instructor password", async () => {
    const guard = await requireInstructorApi({ passwordChange: true });
    if ("response" in guard) return guard.response;
    const body = await readBody(request, passwordSchema);
    if ("response" in body) return body.response;
    const { instructor } = guard;
    const lang = await getLanguage();
    const attempt = await beginLoginAttempt(db, instructor.email, clientAddress(request.headers));
    if (!attempt.ok) {
      const response = jsonError(429, format(instructorAuth.tooManyAttempts[lang], { minutes: Math.ceil(attempt.retryAfter / 60) }));
      response.headers.set("retry-after", String(attempt.retryAfter));
      return response;
    }
    const result = await changePassword(db, instructor.id, { ...body.data, keepSessionId: instructor.sessionId });
    await finishLoginAttempt(db, attempt.ids, result.ok || result.problem !== "current-wrong");
    if (result.ok) return NextResponse.json({ ok: true });
    const message =
      result.problem === "current-wrong" ? instructorAuth.currentWrong[lang] : result.problem === "unchanged" ? instructorAuth.passwordUnchanged[lang] : passwordProblemMessage(result.problem, lang);
    return jsonError(400, message, { [result.field]: message });
  });
}

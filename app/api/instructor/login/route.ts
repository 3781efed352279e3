import { NextResponse } from "next/server";
import { z } from "zod";
import { format } from "@/lib/i18n/translate";
import { instructorAuth } from "@/lib/i18n/messages/instructor-auth";
import { handled, jsonError } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { emailSchema } from "@/lib/server/instructor-accounts";
import { logIn, setSessionCookie } from "@/lib/server/instructor-sessions";
import { getLanguage } from "@/lib/server/preferences";
import { readBody } from "@/lib/server/request-body";

const loginSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, "is required").max(1000, "is longer than any password"),
});

/**
 * POST /api/instructor/login {email, password}: sets the session cookie and
 * answers {ok, mustChangePassword}. A wrong password and an unknown email get
 * the same 401; too many failures a 429 with Retry-After (lib/server/login-rate-limit.ts).
 */
export async function POST(request: Request) {
  return handled("instructor login", async () => {
    const body = await readBody(request, loginSchema);
    if ("response" in body) return body.response;
    const lang = await getLanguage();
    const result = await logIn(db, body.data.email, body.data.password, request.headers);
    if (result.ok) {
      const response = NextResponse.json({ ok: true, mustChangePassword: result.mustChangePassword });
      setSessionCookie(response, result.token, request.headers);
      return response;
    }
    if (result.reason === "rate-limited") {
      const response = jsonError(429, format(instructorAuth.tooManyAttempts[lang], { minutes: Math.ceil(result.retryAfter / 60) }));
      response.headers.set("retry-after", String(result.retryAfter));
      return response;
    }
    return jsonError(401, instructorAuth.wrongCredentials[lang]);
  });
}

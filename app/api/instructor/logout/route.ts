import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { handled } from "@/lib/server/api-response";
import { db } from "@/lib/server/db";
import { INSTRUCTOR_COOKIE } from "@/lib/server/instructor-auth";
import { clearSessionCookie, logOut } from "@/lib/server/instructor-sessions";
import { readEmptyBody } from "@/lib/server/request-body";

/** POST /api/instructor/logout (no body, or {}): revokes this session's row and clears the cookie; {ok: true} even when not signed in. */
export async function POST(request: Request) {
  return handled("instructor logout", async () => {
    const body = await readEmptyBody(request);
    if ("response" in body) return body.response;
    await logOut(db, (await cookies()).get(INSTRUCTOR_COOKIE)?.value);
    const response = NextResponse.json({ ok: true });
    clearSessionCookie(response, request.headers);
    return response;
  });
}

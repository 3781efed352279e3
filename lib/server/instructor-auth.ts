import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { NextResponse } from "next/server";
import { jsonError } from "./api-response";
import { db } from "./db";
import { hashToken } from "./learner";

/*
 * Who the instructor behind a request is. The cookie holds a random token;
 * the InstructorSession row holds its SHA-256, an expiry and a revocation
 * time, so logging out, a password change or `instructor -- remove` ends a
 * session on every server at once. Every instructor page calls
 * requireInstructorPage and every instructor API requireInstructorApi first;
 * what an instructor may then see is scoped by the id returned here, never
 * by one taken from the request.
 */

export const INSTRUCTOR_COOKIE = "synack_instructor";

export interface CurrentInstructor {
  id: string;
  email: string;
  name: string | null;
  mustChangePassword: boolean;
  sessionId: string;
}

/** The signed-in instructor, or null (no cookie, an unknown, expired or revoked session). */
export async function currentInstructor(now = new Date()): Promise<CurrentInstructor | null> {
  const token = (await cookies()).get(INSTRUCTOR_COOKIE)?.value;
  if (!token || token.length > 200) return null;
  const session = await db.instructorSession.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, expiresAt: true, revokedAt: true, instructor: { select: { id: true, email: true, name: true, mustChangePassword: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  return { ...session.instructor, sessionId: session.id };
}

/**
 * For an instructor page: the instructor, or a redirect to the login page
 * (which comes back to `path` after). An instructor with a one-time
 * password is sent to change it first.
 */
export async function requireInstructorPage(path: string, { passwordChange = false } = {}): Promise<CurrentInstructor> {
  const instructor = await currentInstructor();
  if (!instructor) redirect(`/instructor/login?next=${encodeURIComponent(path)}`);
  if (instructor.mustChangePassword && !passwordChange) redirect(`/instructor/password?next=${encodeURIComponent(path)}`);
  return instructor;
}

/** For an instructor API: the instructor, or 401 (not signed in) / 403 (the one-time password must be changed first). */
export async function requireInstructorApi({ passwordChange = false } = {}): Promise<{ instructor: CurrentInstructor } | { response: NextResponse }> {
  const instructor = await currentInstructor();
  if (!instructor) return { response: jsonError(401, "sign in as an instructor first") };
  if (instructor.mustChangePassword && !passwordChange) return { response: jsonError(403, "change your one-time password first") };
  return { instructor };
}

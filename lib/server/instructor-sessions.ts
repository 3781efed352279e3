import "server-only";
import { randomBytes } from "node:crypto";
import type { NextResponse } from "next/server";
import { INSTRUCTOR_COOKIE } from "./instructor-auth";
import { hashToken } from "./learner";
import { beginLoginAttempt, clientAddress, finishLoginAttempt } from "./login-rate-limit";
import { verifyDummyPassword, verifyPassword } from "./passwords";
import type { PrismaClient } from "./prisma-client";
import { secureCookies } from "./forwarded-https";

/*
 * Signing an instructor in and out. A session is a random 256-bit token in
 * the cookie and its SHA-256 in an InstructorSession row; it lasts a fixed 12
 * hours (a school day) and ends earlier when revoked. The cookie is
 * http-only (no script reads it), SameSite=Strict (no other site's page can
 * make the browser send it, so instructor APIs need no CSRF token beyond
 * their JSON-only bodies) and Secure whenever the request came over HTTPS.
 */

export const SESSION_HOURS = 12;
const SESSION_MS = SESSION_HOURS * 60 * 60 * 1000;

export type LoginResult =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "rate-limited"; retryAfter: number };

/**
 * Counts the attempt against the limits first, then checks the password (a dummy hash when the email
 * has no account, so both failures take as long), records the attempt, and
 * on success opens a session.
 */
export async function logIn(db: PrismaClient, email: string, password: string, headers: Headers, now = new Date()): Promise<LoginResult> {
  const address = clientAddress(headers);
  const attempt = await beginLoginAttempt(db, email, address, now);
  if (!attempt.ok) return { ok: false, reason: "rate-limited", retryAfter: attempt.retryAfter };
  const instructor = await db.instructor.findUnique({ where: { email }, select: { id: true, passwordHash: true, mustChangePassword: true } });
  const right = instructor ? await verifyPassword(instructor.passwordHash, password) : await verifyDummyPassword(password);
  await finishLoginAttempt(db, attempt.ids, right, now);
  if (!instructor || !right) return { ok: false, reason: "wrong" };
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    // Sessions long over are of no use to anyone: each sign-in clears its own account's.
    db.instructorSession.deleteMany({ where: { instructorId: instructor.id, expiresAt: { lt: new Date(now.getTime() - SESSION_MS) } } }),
    db.instructorSession.create({ data: { tokenHash: hashToken(token), instructorId: instructor.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MS) } }),
  ]);
  return { ok: true, token, mustChangePassword: instructor.mustChangePassword };
}

/** Ends the session whose token the cookie holds, if any. */
export async function logOut(db: PrismaClient, token: string | undefined, now = new Date()): Promise<void> {
  if (!token || token.length > 200) return;
  await db.instructorSession.updateMany({ where: { tokenHash: hashToken(token), revokedAt: null }, data: { revokedAt: now } });
}

export function setSessionCookie(response: NextResponse, token: string, headers: Headers): void {
  response.cookies.set(INSTRUCTOR_COOKIE, token, { httpOnly: true, sameSite: "strict", secure: secureCookies(headers), path: "/", maxAge: SESSION_MS / 1000 });
}

export function clearSessionCookie(response: NextResponse, headers: Headers): void {
  response.cookies.set(INSTRUCTOR_COOKIE, "", { httpOnly: true, sameSite: "strict", secure: secureCookies(headers), path: "/", maxAge: 0 });
}


import { z } from "zod";
import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from "./passwords";
import type { PrismaClient } from "./prisma-client";

/*
 * Instructor accounts: what `npm run -s instructor` and the password page do.
 * Not "server-only", since the CLI runs it outside Next; it takes the client
 * to use, like content-store.ts. Each function returns plain objects, and a
 * refusal is an AccountError whose message can be shown as it is.
 */

export class AccountError extends Error {
  override name = "AccountError";
}

/** Trimmed and lower-cased: the one form an email is stored and looked up in. */
export const emailSchema = z
  .string()
  .trim()
  .max(254, "an email address has at most 254 characters")
  .toLowerCase()
  .pipe(z.email("is not an email address"));

export const nameSchema = z.string().trim().min(1, "the name must not be empty").max(100, "the name has at most 100 characters");

export interface InstructorSummary {
  email: string;
  name: string | null;
  createdAt: Date;
  quizzes: number;
  mustChangePassword: boolean;
}

function parseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AccountError(`"${email}" ${parsed.error.issues[0]?.message ?? "is not an email address"}`);
  return parsed.data;
}

function problemText(problem: PasswordProblem): string {
  return { "too-short": "the password must have at least 12 characters", "too-long": "the password must have at most 200 characters", "is-email": "the password must not be the email address" }[problem];
}

/**
 * A new instructor. Without `password` they get a one-time password (returned,
 * never stored in clear) that they must change when they first sign in.
 */
export async function addInstructor(db: PrismaClient, input: { email: string; name?: string; password?: string }): Promise<{ email: string; oneTimePassword: string | null }> {
  const email = parseEmail(input.email);
  const name = input.name === undefined ? null : nameSchema.parse(input.name);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AccountError(problemText(problem));
  }
  if (await db.instructor.findUnique({ where: { email }, select: { id: true } })) {
    throw new AccountError(`an instructor with the email ${email} already exists (reset-password gives them a new password)`);
  }
  const oneTimePassword = input.password === undefined ? generateOneTimePassword() : null;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  try {
    await db.instructor.create({ data: { email, name, passwordHash, mustChangePassword: oneTimePassword !== null } });
  } catch (error) {
    // Two adds of one email at once: the unique index refuses the second.
    if ((error as { code?: string }).code === "P2002") throw new AccountError(`an instructor with the email ${email} already exists`);
    throw error;
  }
  return { email, oneTimePassword };
}

export async function listInstructors(db: PrismaClient): Promise<InstructorSummary[]> {
  const rows = await db.instructor.findMany({
    orderBy: { email: "asc" },
    select: { email: true, name: true, createdAt: true, mustChangePassword: true, _count: { select: { quizzes: true } } },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, quizzes: _count.quizzes }));
}

async function findByEmail(db: PrismaClient, email: string) {
  const normalized = parseEmail(email);
  const instructor = await db.instructor.findUnique({ where: { email: normalized }, select: { id: true, email: true, _count: { select: { quizzes: true } } } });
  if (!instructor) throw new AccountError(`no instructor has the email ${normalized}`);
  return instructor;
}

/** A new one-time password; the old password stops working and every session ends. */
export async function resetPassword(db: PrismaClient, email: string, now = new Date()): Promise<{ email: string; oneTimePassword: string }> {
  const instructor = await findByEmail(db, email);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.$transaction([
    db.instructor.update({ where: { id: instructor.id }, data: { passwordHash, mustChangePassword: true } }),
    db.instructorSession.updateMany({ where: { instructorId: instructor.id, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  return { email: instructor.email, oneTimePassword };
}

/**
 * Deletes an instructor; their sessions, quizzes, published versions go with
 * them (the schema cascades). So an instructor with quizzes is only removed
 * when `withQuizzes` says that is meant.
 */
export async function removeInstructor(db: PrismaClient, email: string, { withQuizzes = false } = {}): Promise<{ email: string; quizzes: number }> {
  const instructor = await findByEmail(db, email);
  const quizzes = instructor._count.quizzes;
  if (quizzes > 0 && !withQuizzes) {
    throw new AccountError(`${instructor.email} has ${quizzes} ${quizzes === 1 ? "quiz" : "quizzes"}, which would be deleted with their versions and results; give --with-quizzes to remove them too`);
  }
  await db.instructor.delete({ where: { id: instructor.id } });
  return { email: instructor.email, quizzes };
}

export type PasswordChangeResult = { ok: true } | { ok: false; field: "current" | "next"; problem: PasswordProblem | "current-wrong" | "unchanged" };

/**
 * The instructor's own password change: the current password must be right;
 * the new one follows the rules and clears a one-time password; every other
 * session of theirs ends (the one making the change stays).
 */
export async function changePassword(
  db: PrismaClient,
  instructorId: string,
  { current, next, keepSessionId }: { current: string; next: string; keepSessionId: string },
  now = new Date(),
): Promise<PasswordChangeResult> {
  const instructor = await db.instructor.findUnique({ where: { id: instructorId }, select: { email: true, passwordHash: true } });
  if (!instructor || !(await verifyPassword(instructor.passwordHash, current))) return { ok: false, field: "current", problem: "current-wrong" };
  const problem = passwordProblem(next, instructor.email);
  if (problem) return { ok: false, field: "next", problem };
  if (next === current) return { ok: false, field: "next", problem: "unchanged" };
  const passwordHash = await hashPassword(next);
  await db.$transaction([
    db.instructor.update({ where: { id: instructorId }, data: { passwordHash, mustChangePassword: false } }),
    db.instructorSession.updateMany({ where: { instructorId, revokedAt: null, id: { not: keepSessionId } }, data: { revokedAt: now } }),
  ]);
  return { ok: true };
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { db } from "./db";
import { secureCookies } from "./forwarded-https";

/*
 * Learners are anonymous: a random 256-bit token in an http-only cookie is
 * their only key, and only its SHA-256 is stored, so a copy of the database
 * cannot be used to act as anyone. Every query about progress is scoped by
 * the learner id this file returns; nothing takes a learner id from a request.
 */
export const LEARNER_COOKIE = "synack_learner";
const ONE_YEAR = 60 * 60 * 24 * 365;

export interface CurrentLearner {
  id: string;
  displayName: string | null;
  newCardsPerDay: number;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The learner behind this request's cookie, or null for a first visit. */
export async function findLearner(): Promise<CurrentLearner | null> {
  const token = (await cookies()).get(LEARNER_COOKIE)?.value;
  if (!token) return null;
  // Asked by nearly every request: one short raw statement rather than a query Prisma plans each time.
  const [learner] = await db.$queryRaw<CurrentLearner[]>`SELECT "id", "displayName", "newCardsPerDay" FROM "Learner" WHERE "tokenHash" = ${hashToken(token)}`;
  return learner ?? null;
}

/**
 * The learner behind this request, created (and the cookie set) on the first
 * write. Only route handlers and server actions may call it: they alone can set cookies.
 */
export async function ensureLearner(): Promise<CurrentLearner> {
  const existing = await findLearner();
  if (existing) return existing;
  const token = randomBytes(32).toString("base64url");
  const learner = await db.learner.create({
    data: { tokenHash: hashToken(token) },
    select: { id: true, displayName: true, newCardsPerDay: true },
  });
  (await cookies()).set(LEARNER_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(await headers()),
    path: "/",
    maxAge: ONE_YEAR,
  });
  return learner;
}

import type { Db } from "./prisma-client";

/*
 * How many times anyone may guess an instructor's password. Every login
 * attempt is a LoginAttempt row, so the limits hold across servers sharing
 * the database and across restarts; they are checked before the password is
 * verified, so that a blocked guess costs no argon2 time and tells nothing.
 *
 * Two buckets, 15 minutes each:
 * - per account ("email:<address>"): 5 failures. A successful sign-in to the
 *   account starts its count again.
 * - per address ("ip:<address>"): 20 failures, never forgiven by a success,
 *   so one client cannot spray guesses over many accounts by signing in to
 *   its own between them.
 *
 * The address. Next route handlers are not told the socket's address, and
 * X-Forwarded-For is whatever the client wrote unless a proxy we trust
 * replaces it. So, only when TRUST_PROXY=1 (set it when SynAck runs behind
 * a reverse proxy that sets X-Forwarded-For, as docs/operations.md says) is
 * the first X-Forwarded-For value the address. Otherwise every client shares
 * one bucket, "ip:direct": a spoofed header cannot buy more guesses, at the
 * price that 20 failed sign-ins from anyone within 15 minutes hold every
 * instructor off for the rest of that window (they learn how long from the
 * 429's Retry-After). The per-account limit holds either way.
 *
 * Attempts refused by a limit are not recorded: otherwise an attacker could
 * keep an account blocked forever, and the owner would never get back in.
 */

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;

/** "direct" (all clients share it) unless TRUST_PROXY=1, then the first X-Forwarded-For value. */
export function clientAddress(headers: Headers, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRUST_PROXY !== "1") return "direct";
  const first = (headers.get("x-forwarded-for") ?? "").split(",")[0]!.trim().toLowerCase();
  // An address is short and plain; anything else from a misconfigured proxy goes to one bucket of its own.
  return /^[0-9a-f.:[\]]{1,64}$/.test(first) ? first : "unknown";
}

export function accountScope(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function addressScope(address: string): string {
  return `ip:${address}`;
}

/** Whole seconds until a blocked scope may try again, or 0 when it may try now. */
async function waitFor(db: Db, scope: string, limit: number, forgiveOnSuccess: boolean, now: Date): Promise<number> {
  let since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  if (forgiveOnSuccess) {
    const success = await db.loginAttempt.findFirst({ where: { scope, succeeded: true, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    if (success) since = success.createdAt;
  }
  const failures = await db.loginAttempt.findMany({
    where: { scope, succeeded: false, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (failures.length < limit) return 0;
  // Free again when the oldest of the newest `limit` failures leaves the window.
  const freeAt = failures[limit - 1]!.createdAt.getTime() + LOGIN_WINDOW_MS;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

/** 0 when a sign-in to `email` from `address` may be tried now, else the seconds to wait (for Retry-After). */
export async function loginRetryAfter(db: Db, email: string, address: string, now = new Date()): Promise<number> {
  const [account, client] = await Promise.all([
    waitFor(db, accountScope(email), ACCOUNT_FAILURES, true, now),
    waitFor(db, addressScope(address), ADDRESS_FAILURES, false, now),
  ]);
  return Math.max(account, client);
}

/** Records an attempt for both buckets and forgets attempts that no window can count any more. */
export async function recordLoginAttempt(db: Db, email: string, address: string, succeeded: boolean, now = new Date()): Promise<void> {
  await db.loginAttempt.createMany({
    data: [
      { scope: accountScope(email), succeeded, createdAt: now },
      { scope: addressScope(address), succeeded, createdAt: now },
    ],
  });
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } } });
}

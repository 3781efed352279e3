import type { Db, PrismaClient } from "./prisma-client";

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
 * writes it. TRUST_PROXY says how many proxies are in front of SynAck (set
 * TRUST_PROXY=1 behind one nginx, as docs/operations.md and deploy/nginx.conf
 * say). Each of them appends the address it was reached from, or the edge
 * one replaces the header (deploy/nginx.conf does); either way the
 * TRUST_PROXY-th value from the right was written by our outermost proxy,
 * and everything left of it may be the client's own words. So that value is
 * the address; taking the first (leftmost) one instead would let a client
 * behind an appending proxy claim a fresh address for every guess.
 * Without TRUST_PROXY (or 0) every client shares one bucket, "ip:direct": a
 * forged header cannot buy more guesses, at the price that 20 failed
 * sign-ins from anyone within 15 minutes hold every instructor off for the
 * rest of that window (they learn how long from the 429's Retry-After). The
 * per-account limit holds either way.
 *
 * Attempts refused by a limit are not recorded: otherwise an attacker could
 * keep an account blocked forever, and the owner would never get back in.
 * A wrong current password on the password page counts as a failure too.
 */

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;

/**
 * "direct" (all clients share it) unless TRUST_PROXY names the proxies in front, then the X-Forwarded-For value
 * that the outermost of them wrote: the TRUST_PROXY-th from the right (the leftmost when there are fewer).
 */
export function clientAddress(headers: Headers, env: NodeJS.ProcessEnv = process.env): string {
  const proxies = trustedProxies(env.TRUST_PROXY);
  if (proxies === 0) return "direct";
  const values = (headers.get("x-forwarded-for") ?? "").split(",");
  const value = values[Math.max(0, values.length - proxies)]!.trim().toLowerCase();
  // An address is short and plain; anything else from a misconfigured proxy goes to one bucket of its own.
  return /^[0-9a-f.:[\]]{1,64}$/.test(value) ? value : "unknown";
}

/** How many proxies TRUST_PROXY says are in front: 0 when unset. Anything but a count is a mistake to report, not to guess at. */
export function trustedProxies(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\s*\d\s*$/.test(value)) throw new Error(`TRUST_PROXY must be how many proxies are in front of SynAck, 0 to 9 (1 behind one nginx), not "${value}"`);
  return Number(value);
}

export function accountScope(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function addressScope(address: string): string {
  return `ip:${address}`;
}

/** Whole seconds until a blocked scope may try again, or 0 when it may try now; rows in `exclude` are not counted. */
async function waitFor(db: Db, scope: string, limit: number, forgiveOnSuccess: boolean, now: Date, exclude: string[] = []): Promise<number> {
  let since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  if (forgiveOnSuccess) {
    const success = await db.loginAttempt.findFirst({ where: { scope, succeeded: true, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    if (success) since = success.createdAt;
  }
  const failures = await db.loginAttempt.findMany({
    where: { scope, succeeded: false, createdAt: { gt: since }, id: { notIn: exclude } },
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
export async function loginRetryAfter(db: Db, email: string, address: string, now = new Date(), exclude: string[] = []): Promise<number> {
  const [account, client] = await Promise.all([
    waitFor(db, accountScope(email), ACCOUNT_FAILURES, true, now, exclude),
    waitFor(db, addressScope(address), ADDRESS_FAILURES, false, now, exclude),
  ]);
  return Math.max(account, client);
}

export type LoginAttempt = { ok: true; ids: string[] } | { ok: false; retryAfter: number };

/**
 * Starts an attempt: it is written down as a failure first, and only then are
 * the failures counted (its own left out). So requests sent all at once each
 * see the others, and a burst cannot slip many guesses past the limit while
 * the first ones are still being verified; at the edge a burst is refused
 * whole. A refused attempt's rows are deleted again.
 */
export async function beginLoginAttempt(db: PrismaClient, email: string, address: string, now = new Date()): Promise<LoginAttempt> {
  const rows = await db.$transaction([
    db.loginAttempt.create({ data: { scope: accountScope(email), succeeded: false, createdAt: now }, select: { id: true } }),
    db.loginAttempt.create({ data: { scope: addressScope(address), succeeded: false, createdAt: now }, select: { id: true } }),
  ]);
  const ids = rows.map((row) => row.id);
  const retryAfter = await loginRetryAfter(db, email, address, now, ids);
  if (retryAfter === 0) return { ok: true, ids };
  await db.loginAttempt.deleteMany({ where: { id: { in: ids } } });
  return { ok: false, retryAfter };
}

/** Ends an attempt begun above: a success is marked as one; attempts that no window can count any more are forgotten. */
export async function finishLoginAttempt(db: Db, ids: string[], succeeded: boolean, now = new Date()): Promise<void> {
  if (succeeded) await db.loginAttempt.updateMany({ where: { id: { in: ids } }, data: { succeeded: true } });
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_WINDOW_MS) } } });
}

import { hash, verify } from "@node-rs/argon2";
import { randomInt } from "node:crypto";
import type { Language } from "../i18n/language";
import { instructorAuth } from "../i18n/messages/instructor-auth";

/*
 * Instructors' passwords. Not "server-only": the instructor CLI hashes and
 * checks them too. Only the argon2id hash (a PHC string that carries its own
 * salt and parameters) is ever stored.
 */

/**
 * argon2id with m = 19 MiB, t = 2, p = 1: the first configuration the OWASP
 * Password Storage Cheat Sheet recommends for argon2id, and @node-rs/argon2's
 * own defaults, stated here so that a change of defaults in the library does
 * not silently change what we store. About 20-50 ms and 19 MiB per hash on
 * these machines: slow enough to make offline guessing expensive, cheap
 * enough that a burst of logins (each limited by login-rate-limit.ts) does not
 * exhaust memory. Old hashes keep verifying after a change: the PHC string
 * names the parameters it was made with.
 */
// algorithm 2 is Algorithm.Argon2id: an ambient const enum, which isolatedModules cannot read.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** True when `password` matches `stored`; false for a wrong password and for a stored value that is not an argon2 hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * The hash of 32 random bytes nobody kept, made once with ARGON2_OPTIONS: a
 * constant, so that even the first failed login of a process does not spend
 * extra time making it. Should the options change, make a new one with them.
 */
export const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$iVgNeVnsyjJioNtT9r4ADg$h8oSs1jeDBBvv/JruiGhwTEzx5yY4F9TuSWmh8swZiE";

/**
 * Spends the time a real verification would, for an email with no account,
 * so that how long a failed login takes does not tell whether the account exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/** Digits and capitals with 0/O, 1/I/L left out: read aloud or copied by hand without doubt. */
export const ONE_TIME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * A one-time password such as "K7QM-2XHD-9RWE-TB4N": 16 characters drawn
 * uniformly (crypto.randomInt rejects biased values) from 31, about 79 bits.
 */
export function generateOneTimePassword(pick: (size: number) => number = randomInt): string {
  const groups: string[] = [];
  for (let group = 0; group < 4; group++) {
    let text = "";
    for (let i = 0; i < 4; i++) text += ONE_TIME_ALPHABET[pick(ONE_TIME_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join("-");
}

export type PasswordProblem = "too-short" | "too-long" | "is-email";

/** What is wrong with `password` as a new password for `email`, or null. Length counts characters, not UTF-16 units. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "too-short";
  if (length > PASSWORD_MAX) return "too-long";
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return "is-email";
  return null;
}

const PROBLEM_MESSAGES = {
  "too-short": instructorAuth.passwordTooShort,
  "too-long": instructorAuth.passwordTooLong,
  "is-email": instructorAuth.passwordIsEmail,
} as const;

export function passwordProblemMessage(problem: PasswordProblem, lang: Language): string {
  return PROBLEM_MESSAGES[problem][lang];
}

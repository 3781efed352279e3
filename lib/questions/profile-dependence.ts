import type { BilingualText } from "../content";
import { PROFILE_NAMES, type ProfileName } from "../tcp";
import { PROFILE_PREFIX } from "./phrases";

/**
 * A question asked in one profile must not have another answer in another
 * unless its prompt says which profile it means (issue 8, section 3). Each
 * generator says how to compute its answer in any profile; this decides.
 */

function answerOrFailure(answerIn: (profile: ProfileName) => unknown, profile: ProfileName): string {
  try {
    return JSON.stringify(answerIn(profile)) ?? "undefined";
  } catch (error) {
    // The question cannot even be posed in that profile (a segment it never sends): that differs too.
    return `failed: ${(error as Error).message}`;
  }
}

/** True when another profile gives the same question another answer. */
export function dependsOnProfile(profile: ProfileName, answerIn: (profile: ProfileName) => unknown): boolean {
  const own = answerOrFailure(answerIn, profile);
  return PROFILE_NAMES.some((other) => other !== profile && answerOrFailure(answerIn, other) !== own);
}

/** The prompt opened with the profile it asks about: "On Linux: …". */
export function withProfile(prompt: BilingualText, profile: ProfileName): BilingualText {
  return { zh: PROFILE_PREFIX[profile].zh + prompt.zh, en: PROFILE_PREFIX[profile].en + prompt.en };
}

/** The prompt, naming its profile when the answer depends on it (or always, when `always`). */
export function promptFor(prompt: BilingualText, profile: ProfileName, answerIn: (profile: ProfileName) => unknown, always = false): BilingualText {
  return always || dependsOnProfile(profile, answerIn) ? withProfile(prompt, profile) : prompt;
}

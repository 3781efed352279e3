import { z } from "zod";
import { DEFAULT_PROFILE, PROFILE_NAMES, type ProfileName } from "../tcp";

/*
 * The `profile` parameter of the scenario player's and the state diagram's
 * addresses. An address is typed by people and copied around, so a value
 * that names no profile is not an error page: the default profile is shown
 * and `unknown` carries the value, for the page to say so.
 */

const profileParam = z.enum(PROFILE_NAMES);

export interface ProfileChoice {
  profile: ProfileName;
  /** The value asked for when it names no profile. */
  unknown?: string;
}

export function parseProfileParam(value: string | string[] | undefined): ProfileChoice {
  if (value === undefined) return { profile: DEFAULT_PROFILE };
  const text = Array.isArray(value) ? value.join(",") : value;
  const parsed = profileParam.safeParse(text);
  return parsed.success ? { profile: parsed.data } : { profile: DEFAULT_PROFILE, unknown: text };
}

/** `?state=…&profile=…` for the state diagram, the profile left out when it is the default. */
export function diagramSearch(state: string, profile: ProfileName): string {
  const params = new URLSearchParams({ state });
  if (profile !== DEFAULT_PROFILE) params.set("profile", profile);
  return `?${params.toString()}`;
}

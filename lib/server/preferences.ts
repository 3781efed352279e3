import "server-only";
import { cookies, headers } from "next/headers";
import { isLanguage, LANGUAGE_COOKIE, languageFromHeader, type Language } from "../i18n/language";

export const THEME_COOKIE = "synack_theme";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The learner's language: their choice if they made one, else the browser's first supported one. */
export async function getLanguage(): Promise<Language> {
  const chosen = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (isLanguage(chosen)) return chosen;
  return languageFromHeader((await headers()).get("accept-language"));
}

export async function getTheme(): Promise<Theme> {
  const chosen = (await cookies()).get(THEME_COOKIE)?.value;
  return (THEMES as readonly string[]).includes(chosen ?? "") ? (chosen as Theme) : "system";
}

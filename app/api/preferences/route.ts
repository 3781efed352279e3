import { cookies, headers } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { LANGUAGE_COOKIE, LANGUAGES } from "@/lib/i18n/language";
import { handled } from "@/lib/server/api-response";
import { secureCookies } from "@/lib/server/forwarded-https";
import { THEME_COOKIE, THEMES } from "@/lib/server/preferences";
import { readBody } from "@/lib/server/request-body";

const preferencesSchema = z
  .strictObject({
    lang: z.enum(LANGUAGES, { error: "lang must be zh or en" }).optional(),
    theme: z.enum(THEMES, { error: "theme must be system, light or dark" }).optional(),
  })
  .refine((body) => body.lang || body.theme, "give lang, theme or both");

const YEAR = 60 * 60 * 24 * 365;

/** POST /api/preferences {lang?, theme?}: remembered in cookies, for anyone, signed in or not. */
export async function POST(request: Request) {
  return handled("preferences", async () => {
    const body = await readBody(request, preferencesSchema);
    if ("response" in body) return body.response;
    const jar = await cookies();
    // Only the server reads these (the switches post here), so no script needs to see them.
    const options = { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true, secure: secureCookies(await headers()) } as const;
    if (body.data.lang) jar.set(LANGUAGE_COOKIE, body.data.lang, options);
    if (body.data.theme) jar.set(THEME_COOKIE, body.data.theme, options);
    return NextResponse.json({ ok: true, ...body.data });
  });
}

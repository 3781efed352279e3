import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";

/*
 * How route handlers answer: validated input, JSON out, a 400 with the
 * problems by field for a bad body, and a logged 500 only for our own bugs.
 */

export function jsonError(status: number, message: string, fields?: Record<string, string>) {
  return NextResponse.json({ error: message, ...(fields ? { fields } : {}) }, { status });
}

/** Parses the request's JSON body with `schema`, or returns the 400 to send. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { response: NextResponse }> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return { response: jsonError(400, "the request body must be JSON") };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "body";
    fields[key] ??= issue.message;
  }
  return { response: jsonError(400, "the request body is not valid", fields) };
}

/** Runs a handler, turning an unexpected error into a logged 500 without leaking its details. */
export async function handled(name: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    console.error(`${name} failed:`, error);
    return jsonError(500, "internal error");
  }
}

import "server-only";
import { NextResponse } from "next/server";

/*
 * How route handlers answer: JSON out, a 4xx naming what is wrong and where
 * for bad input (lib/server/request-body.ts reads it), and a logged 500 only
 * for our own bugs.
 */

export function jsonError(status: number, message: string, fields?: Record<string, string>) {
  return NextResponse.json({ error: message, ...(fields ? { fields } : {}) }, { status });
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

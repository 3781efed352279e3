import "server-only";
import { NextResponse } from "next/server";
import type { Language } from "../i18n/language";
import { storage } from "../i18n/messages/storage";
import { getLanguage } from "./preferences";
import { storageFailure, type StorageFailure } from "./storage-errors";

/*
 * How route handlers answer: JSON out, a 4xx naming what is wrong and where
 * for bad input (lib/server/request-body.ts reads it), a 503 naming what
 * happened to the database when it cannot store or read (a full disk, a
 * read-only file), and a logged 500 only for our own bugs.
 */

export function jsonError(status: number, message: string, fields?: Record<string, string>) {
  return NextResponse.json({ error: message, ...(fields ? { fields } : {}) }, { status });
}

/** Seconds a client should wait before trying again: a lock is let go in moments, a disk is freed by a person. */
const RETRY_AFTER: Record<StorageFailure, string> = { full: "60", "read-only": "60", busy: "1", unavailable: "30", io: "30" };

/** 503 with the learner's-language message for the failure and a stable `code` ("database-full") for clients. */
export async function storageFailureResponse(failure: StorageFailure): Promise<NextResponse> {
  let lang: Language = "en";
  try {
    lang = await getLanguage();
  } catch {
    // outside a request (a script): English
  }
  return NextResponse.json({ error: storage[failure][lang], code: `database-${failure}` }, { status: 503, headers: { "retry-after": RETRY_AFTER[failure] } });
}

/**
 * Runs a handler, turning a database that cannot store or read into a 503
 * that says why, and any other unexpected error into a logged 500 without
 * leaking its details.
 */
export async function handled(name: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    const failure = storageFailure(error);
    if (failure) {
      console.error(`${name}: the database is ${failure === "io" ? "failing (I/O error)" : failure}, answered 503:`, error instanceof Error ? error.message.trim().split("\n").at(-1) : error);
      return storageFailureResponse(failure);
    }
    console.error(`${name} failed:`, error);
    return jsonError(500, "internal error");
  }
}

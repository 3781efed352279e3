import "server-only";
import { cookies } from "next/headers";
import { isValidTimeZone, TIME_ZONE_COOKIE } from "../progress/local-day";
import { buildProgressReport, type ProgressReport } from "../progress/progress-report";
import { db } from "./db";
import { countProgressRows, readProgressRows, type ProgressCounts } from "./progress-data";
import { exportProgress, importProgress, type ImportResult } from "./progress-transfer";
import type { ParsedProgressFile, ProgressFile } from "../progress/progress-file";

/*
 * The progress pages' gateway: the app's one client bound to the functions
 * in progress-data.ts and progress-transfer.ts, which take a client so tests
 * can pass their own.
 */

/** The browser's time zone as components/time-zone-cookie.tsx left it, else UTC: days are counted there. */
export async function getTimeZone(): Promise<string> {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return zone && isValidTimeZone(zone) ? zone : "UTC";
}

export async function getProgressReport(learnerId: string, now: Date, timeZone: string): Promise<ProgressReport> {
  return buildProgressReport(await readProgressRows(db, learnerId, now), now, timeZone);
}

export async function getProgressCounts(learnerId: string): Promise<ProgressCounts> {
  return countProgressRows(db, learnerId);
}

export async function getProgressFile(learnerId: string | null, now: Date): Promise<ProgressFile> {
  return exportProgress(db, learnerId, now);
}

export async function mergeProgressFile(learnerId: string, file: ParsedProgressFile): Promise<ImportResult> {
  return importProgress(db, learnerId, file);
}

import { createHash } from "node:crypto";
import { CaptureError, readCapture } from "../capture";
import { replayCapture } from "../capture/replay-capture";
import type { ContentFile } from "../content";
import { loadContentFiles } from "../content/load-content-files";
import type { QuestionContext } from "../questions";
import { Prisma } from "./generated/prisma/client";
import type { Db, PrismaClient } from "./prisma-client";
import { jsonText } from "./sql-dialect";

/*
 * Captures that quizzes draw questions from: the samples shipped in
 * content/captures ("sample:<file>"), read once per process from the
 * files this server runs from (like its code: servers of one release have
 * the same), and instructors' uploads ("upload:<id>"), whose bytes are read
 * from the database once each and kept (an upload never changes). Every function
 * takes the instructor's id from their session: another instructor's
 * upload, or a missing one, is the same CaptureNotFound (a 404). Like
 * question-source.ts, which reaches it, it has no "server-only" import, so
 * that scripts and tests can load the question source outside Next.
 */

export class CaptureNotFound extends Error {
  override name = "CaptureNotFound";
  constructor() {
    super("no such capture");
  }
}

/** Refused because a quiz still names the capture (a 409): a draft, or a published version whose attempts need it. */
export class CaptureInUse extends Error {
  override name = "CaptureInUse";
  constructor(readonly quizzes: { id: string; title: string }[]) {
    super("a quiz uses this capture; take it out of the quiz first (published versions keep it for their attempts)");
  }
}

export const SAMPLE_PREFIX = "sample:";
export const UPLOAD_PREFIX = "upload:";
const CAPTURES_DIR = "content/captures";

let samples: { files: ContentFile[]; bytes: Map<string, Uint8Array> } | undefined;

function loadSamples() {
  if (!samples) {
    const files = loadContentFiles(CAPTURES_DIR).filter((file) => file.bytes && !file.unreadable);
    samples = { files, bytes: new Map(files.map((file) => [`${SAMPLE_PREFIX}${baseName(file.path)}`, file.bytes!])) };
  }
  return samples;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The sample captures as content files (for the draft check's content check). */
export function sampleCaptureFiles(): readonly ContentFile[] {
  return loadSamples().files;
}

/** "sample:<file>" → bytes, for every sample in content/captures. */
export function sampleCaptures(): ReadonlyMap<string, Uint8Array> {
  return loadSamples().bytes;
}

export interface CaptureConnectionSummary {
  /** From 1, as a quiz's capture slot names it. */
  connection: number;
  client: string;
  server: string;
  segments: number;
}

export interface CaptureSummary {
  /** As a quiz names it: "sample:<file>" or "upload:<id>". */
  capture: string;
  name: string;
  size: number;
  connections: CaptureConnectionSummary[];
  createdAt: string | null;
}

function endpoint(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** A capture's TCP connections, as the builder lists them ("1: 127.0.0.1:43800 → 127.0.0.1:40801, 10 segments"). */
export function connectionsOf(bytes: Uint8Array): CaptureConnectionSummary[] {
  return replayCapture(readCapture(bytes)).connections.map((connection, position) => ({
    connection: position + 1,
    client: endpoint(connection.endpoints[0].addr, connection.endpoints[0].port),
    server: endpoint(connection.endpoints[1].addr, connection.endpoints[1].port),
    segments: connection.segments.length,
  }));
}

const summaries = new WeakMap<Uint8Array, CaptureConnectionSummary[]>();

function keptConnections(bytes: Uint8Array): CaptureConnectionSummary[] {
  let kept = summaries.get(bytes);
  if (!kept) summaries.set(bytes, (kept = connectionsOf(bytes)));
  return kept;
}

/** The shipped samples with their connections, for the builder's picker. */
export function sampleSummaries(): CaptureSummary[] {
  return [...sampleCaptures()].map(([capture, bytes]) => ({
    capture,
    name: capture.slice(SAMPLE_PREFIX.length),
    size: bytes.length,
    connections: keptConnections(bytes),
    createdAt: null,
  }));
}

/** Why an upload cannot be used: the reader's error (naming the byte offset), or a capture without TCP connections. */
export class CaptureRejected extends Error {
  override name = "CaptureRejected";
  constructor(
    message: string,
    readonly offset: number | null,
  ) {
    super(message);
  }
}

/** Stores an upload after reading it with the capture reader; refuses (CaptureRejected) what the reader refuses or a capture with no TCP connection. */
export async function createCapture(db: PrismaClient, instructorId: string, name: string, bytes: Uint8Array): Promise<CaptureSummary> {
  let connections: CaptureConnectionSummary[];
  try {
    connections = connectionsOf(bytes);
  } catch (error) {
    if (error instanceof CaptureError) throw new CaptureRejected(`the file is not a capture SynAck can read: ${error.message}`, error.offset);
    throw error;
  }
  if (connections.length === 0) throw new CaptureRejected("the capture holds no TCP connection to ask about", null);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const row = await db.instructorCapture.create({
    data: { instructorId, name, sha256, bytes: new Uint8Array(bytes), size: bytes.length },
    select: { id: true, createdAt: true },
  });
  return { capture: `${UPLOAD_PREFIX}${row.id}`, name, size: bytes.length, connections, createdAt: row.createdAt.toISOString() };
}

/** Own uploads, the newest first, with their connections. */
export async function listCaptures(db: PrismaClient, instructorId: string): Promise<CaptureSummary[]> {
  const rows = await db.instructorCapture.findMany({ where: { instructorId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: { id: true } });
  const uploads = await uploadBytes(db, rows.map((row) => row.id), instructorId);
  return rows.flatMap((row) => {
    const upload = uploads.get(row.id);
    if (!upload) return [];
    let connections: CaptureConnectionSummary[] = [];
    try {
      connections = keptConnections(upload.bytes);
    } catch (error) {
      console.error(`instructor capture ${row.id} no longer reads:`, error instanceof Error ? error.message : error);
    }
    return [{ capture: `${UPLOAD_PREFIX}${row.id}`, name: upload.name, size: upload.bytes.length, connections, createdAt: upload.createdAt }];
  });
}

/** The names of the captures a quiz definition's capture slots name (whatever else the definition holds). */
export function capturesNamed(definition: unknown): string[] {
  const slots = (definition as { captures?: unknown } | null)?.captures;
  if (!Array.isArray(slots)) return [];
  return slots.flatMap((slot) => (typeof (slot as { capture?: unknown } | null)?.capture === "string" ? [(slot as { capture: string }).capture] : []));
}

/** Deletes an own upload unless a draft or a published version of the instructor's quizzes names it. */
export async function deleteCapture(db: PrismaClient, instructorId: string, id: string): Promise<void> {
  const row = await db.instructorCapture.findFirst({ where: { id, instructorId }, select: { id: true } });
  if (!row) throw new CaptureNotFound();
  const name = `${UPLOAD_PREFIX}${id}`;
  // Only the instructor's own quizzes can name it (the draft check refuses another's upload); LIKE on the JSON's text narrows, the parse decides.
  const pattern = `%${name.replace(/[\\%_]/g, "\\$&")}%`;
  const named = (definition: Prisma.Sql) => Prisma.sql`${jsonText(definition)} LIKE ${pattern} ESCAPE '\\'`;
  const candidates = await db.$queryRaw<{ id: string }[]>`
    SELECT q."id" FROM "InstructorQuiz" q
    WHERE q."instructorId" = ${instructorId}
      AND (${named(Prisma.sql`q."definition"`)} OR EXISTS (SELECT 1 FROM "QuizVersion" v WHERE v."instructorQuizId" = q."id" AND ${named(Prisma.sql`v."definition"`)}))`;
  const quizzes = await db.instructorQuiz.findMany({
    where: { id: { in: candidates.map((candidate) => candidate.id) } },
    select: { id: true, definition: true, versions: { select: { definition: true } } },
  });
  const using = quizzes.filter((quiz) => [quiz.definition, ...quiz.versions.map((version) => version.definition)].some((definition) => capturesNamed(definition).includes(name)));
  if (using.length > 0) throw new CaptureInUse(using.map((quiz) => ({ id: quiz.id, title: titleOf(quiz.definition) })));
  await db.instructorCapture.delete({ where: { id } });
  forget(id);
}

function titleOf(definition: unknown): string {
  const title = (definition as { title?: { en?: unknown } | null } | null)?.title;
  return typeof title?.en === "string" ? title.en : "";
}

interface Upload {
  instructorId: string;
  name: string;
  bytes: Uint8Array;
  createdAt: string;
}

/*
 * Uploads never change, so each one's bytes are read once and kept, keyed by
 * id (a bounded number of megabytes, the least recently used dropped first).
 * The same bytes object is handed out each time, so that the question
 * engine's replay cache (keyed by bytes) holds. Whether an upload still
 * exists is asked of the database every time: another app server may have
 * deleted it, and a copy kept here must not let this server accept a quiz
 * naming it that the others refuse.
 */
const UPLOAD_CACHE_BYTES = 128 * 1024 * 1024;
const uploads = new Map<string, Upload>();
let cachedBytes = 0;

function keep(id: string, upload: Upload): void {
  uploads.set(id, upload);
  cachedBytes += upload.bytes.length;
  while (cachedBytes > UPLOAD_CACHE_BYTES && uploads.size > 1) {
    const [oldest] = uploads.keys();
    forget(oldest!);
  }
}

function forget(id: string): void {
  const kept = uploads.get(id);
  if (!kept) return;
  uploads.delete(id);
  cachedBytes -= kept.bytes.length;
}

/** The uploads with these ids that belong to `instructorId`, by id. */
async function uploadBytes(db: Db, ids: readonly string[], instructorId: string): Promise<Map<string, Upload>> {
  const wanted = [...new Set(ids)];
  const existing = new Set((await db.instructorCapture.findMany({ where: { id: { in: wanted } }, select: { id: true } })).map((row) => row.id));
  const found = new Map<string, Upload>();
  const missing: string[] = [];
  for (const id of wanted) {
    const kept = uploads.get(id);
    if (!existing.has(id)) forget(id);
    else if (kept) {
      uploads.delete(id);
      uploads.set(id, kept);
      if (kept.instructorId === instructorId) found.set(id, kept);
    } else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await db.instructorCapture.findMany({ where: { id: { in: missing } } });
    for (const row of rows) {
      const upload = { instructorId: row.instructorId, name: row.name, bytes: new Uint8Array(row.bytes), createdAt: row.createdAt.toISOString() };
      keep(row.id, upload);
      if (upload.instructorId === instructorId) found.set(row.id, upload);
    }
  }
  return found;
}

/** Upload ids among capture names ("upload:<id>" → "<id>"). */
function uploadIds(names: readonly string[]): string[] {
  return names.filter((name) => name.startsWith(UPLOAD_PREFIX)).map((name) => name.slice(UPLOAD_PREFIX.length));
}

/** Of the uploads these names name, those that are not `instructorId`'s (or do not exist). */
export async function foreignUploads(db: Db, names: readonly string[], instructorId: string): Promise<string[]> {
  const ids = uploadIds(names);
  if (ids.length === 0) return [];
  const own = await uploadBytes(db, ids, instructorId);
  return ids.filter((id) => !own.has(id)).map((id) => `${UPLOAD_PREFIX}${id}`);
}

/**
 * The question context with the uploads these capture names name added,
 * when they belong to `ownerId` (the quiz's instructor): the one place the
 * server gives the question engine an upload's bytes. The samples are
 * already in the base context (lib/server/question-source.ts). Returns the
 * context itself when no upload is named.
 */
export async function contextWithUploads(db: Db, context: QuestionContext, names: readonly string[], ownerId: string): Promise<QuestionContext> {
  const ids = uploadIds(names);
  if (ids.length === 0) return context;
  const own = await uploadBytes(db, ids, ownerId);
  if (own.size === 0) return context;
  const captures = new Map(context.captures ?? []);
  const captureNames = new Map(context.captureNames ?? []);
  for (const [id, upload] of own) {
    captures.set(`${UPLOAD_PREFIX}${id}`, upload.bytes);
    captureNames.set(`${UPLOAD_PREFIX}${id}`, upload.name);
  }
  return { ...context, captures, captureNames };
}

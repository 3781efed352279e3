import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { NextResponse } from "next/server";
import type { z } from "zod";
import { jsonDepthScanner, NUL_MESSAGE } from "../progress/progress-file";
import { jsonError } from "./api-response";
import { pathIdProblem } from "./path-id";

/*
 * How route handlers read what a request carries. A body is JSON or nothing:
 * another Content-Type is a 415, so a cross-site form (text/plain,
 * urlencoded, multipart) never reaches a handler. The body is read as a
 * stream and cut off at a byte limit whatever the transfer encoding, decoded
 * as strict UTF-8, and refused when it nests deeper than any body SynAck
 * takes (JSON.parse would hold the event loop for seconds) or when a string
 * holds a lone UTF-16 surrogate (JSON allows "\ud800"; Prisma and SQLite
 * cannot store it) or U+0000 (JSON allows "\u0000"; PostgreSQL's jsonb and
 * text cannot store it). Every refusal is a 4xx whose JSON names what is
 * wrong and where.
 */

/** Enough for any answer (a self-graded text is at most 10,000 characters); the import route passes its own. */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;

type Refused = { response: NextResponse };

/** No body SynAck takes nests deeper than a handful of levels. */
const MAX_DEPTH = 32;

export interface BodyOptions {
  maxBytes?: number;
  /** What the 413 says, e.g. "the file is larger than 20 MB". */
  tooLargeMessage?: string;
}

/** The request's JSON body checked with `schema`, or the 4xx to send. */
export async function readBody<T>(request: Request, schema: z.ZodType<T>, options: BodyOptions = {}): Promise<{ data: T } | Refused> {
  const body = await readJson(request, options);
  if ("response" in body) return body;
  const result = schema.safeParse(body.value);
  if (result.success) return { data: result.data };
  return { response: jsonError(400, "the request body is not valid", issueFields(result.error.issues)) };
}

/** Zod issues keyed by their dotted path ("answers.3.createdAt"), the first message for each; "body" for the whole. */
export function issueFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "body";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** For a handler that takes no body: nothing at all, or JSON (empty, or {}). A form post is a 415. */
export async function readEmptyBody(request: Request): Promise<{ ok: true } | Refused> {
  if (request.headers.get("content-type") !== null) {
    const refused = await refuseContentType(request);
    if (refused) return refused;
  }
  const read = await readText(request, 1024);
  if ("response" in read) return read;
  if (read.text.trim() === "") return { ok: true };
  if (request.headers.get("content-type") === null) return { response: jsonError(415, "this request takes no body", { "content-type": "send no body, or application/json" }) };
  const body = parseJsonText(read.text);
  if ("response" in body) return body;
  const value = body.value;
  if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length > 0) {
    return { response: jsonError(400, "this request takes no body", { body: "must be empty or {}" }) };
  }
  return { ok: true };
}

/** The parsed JSON of the body, or the 4xx to send. */
export async function readJson(request: Request, options: BodyOptions = {}): Promise<{ value: unknown } | Refused> {
  const refused = await refuseContentType(request);
  if (refused) return refused;
  const read = await readText(request, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES, options.tooLargeMessage);
  if ("response" in read) return read;
  return parseJsonText(read.text);
}

/**
 * The body as text, decoded as strict UTF-8 and scanned for depth chunk by
 * chunk as it arrives, so that neither costs one long pause at the end
 * (JSON.parse, the one step that cannot be split, takes about 0.2 s for 20 MB).
 * Reading stops as soon as more than `maxBytes` have arrived (or are
 * announced): a chunked upload without Content-Length is cut off like any other.
 */
async function readText(request: Request, maxBytes: number, tooLargeMessage?: string): Promise<{ text: string } | Refused> {
  const tooLarge = () => ({ response: jsonError(413, tooLargeMessage ?? `the request body is larger than ${maxBytes} bytes`) });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  if (!request.body) return { text: "" };
  const reader = request.body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const tooDeep = jsonDepthScanner(MAX_DEPTH);
  const pieces: string[] = [];
  let total = 0;
  const stop = async (refusal: Refused) => {
    await reader.cancel().catch(() => undefined);
    return refusal;
  };
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { response: jsonError(400, "the request body could not be read") };
    }
    if (chunk.done) {
      const rest = decode(decoder, undefined);
      if (rest === null) return { response: NOT_UTF8() };
      if (tooDeep(rest)) return { response: TOO_DEEP() };
      pieces.push(rest);
      return { text: pieces.join("") };
    }
    total += chunk.value.byteLength;
    if (total > maxBytes) return stop(tooLarge());
    // A body already buffered arrives in one piece: decode and scan it a megabyte at a time, letting other requests in between.
    for (let at = 0; at < chunk.value.byteLength; at += SLICE) {
      if (at > 0) await nextTurn();
      const piece = decode(decoder, chunk.value.subarray(at, at + SLICE));
      if (piece === null) return stop({ response: NOT_UTF8() });
      if (tooDeep(piece)) return stop({ response: TOO_DEEP() });
      pieces.push(piece);
    }
    if (total > SLICE) await nextTurn();
  }
}

const SLICE = 1024 * 1024;
const NOT_UTF8 = () => jsonError(400, "the request body must be UTF-8 text", { body: "is not valid UTF-8" });
const TOO_DEEP = () => jsonError(400, "the request body is not valid", { body: `must not nest more than ${MAX_DEPTH} levels deep` });

/** The next piece of text (all that is left when `bytes` is undefined), or null for bytes that are not UTF-8. */
function decode(decoder: TextDecoder, bytes: Uint8Array | undefined): string | null {
  try {
    return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
  } catch {
    return null;
  }
}

/** JSON with no lone surrogate and no U+0000: the value, or the 400 naming what is wrong. */
function parseJsonText(text: string): { value: unknown } | Refused {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { response: jsonError(400, "the request body must be JSON", { body: error instanceof SyntaxError ? error.message : "is not JSON" }) };
  }
  // Only a \uD800–\uDFFF escape can put a surrogate in parsed JSON (strict UTF-8 cannot): look further only then.
  const surrogate = /\\u[dD][89a-fA-F]/.test(text) ? loneSurrogatePath(value) : null;
  if (surrogate) return { response: jsonError(400, "the request body is not valid", { [surrogate.join(".") || "body"]: LONE_SURROGATE }) };
  // Likewise U+0000: a raw one is not JSON, only the escape makes one.
  const nul = text.includes("\\u0000") ? stringPath(value, (string) => string.includes("\0")) : null;
  if (nul) return { response: jsonError(400, "the request body is not valid", { [nul.join(".") || "body"]: NUL_MESSAGE }) };
  return { value };
}

export const LONE_SURROGATE = "must be valid Unicode text (it holds a lone UTF-16 surrogate)";

/** The 415 for a body that is not declared as JSON (its bytes are not read), or null. */
async function refuseContentType(request: Request): Promise<Refused | null> {
  const problem = contentTypeProblem(request.headers.get("content-type"));
  if (!problem) return null;
  await request.body?.cancel().catch(() => undefined);
  return { response: jsonError(415, "the request body must be JSON", { "content-type": problem }) };
}

/** application/json, with no charset or UTF-8; anything else is what the 415 says. */
function contentTypeProblem(header: string | null): string | null {
  if (header === null) return "missing: send application/json";
  const [type = "", ...parameters] = header.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return `${type || "empty"} is not accepted: send application/json`;
  for (const parameter of parameters) {
    const [name, value = ""] = parameter.split("=").map((part) => part.trim().replace(/^"|"$/g, ""));
    if (name === "charset" && value !== "utf-8" && value !== "utf8") return `charset ${value} is not accepted: JSON is UTF-8`;
  }
  return null;
}

const SURROGATE = /\p{Cs}/u;

/** The path of the first string (or key) holding a lone surrogate, or null. */
export function loneSurrogatePath(value: unknown): (string | number)[] | null {
  return stringPath(value, (string) => SURROGATE.test(string));
}

/** The path of the first string (or key) that `matches`, or null. Iterative: a deeply nested body cannot overflow the stack. */
function stringPath(value: unknown, matches: (string: string) => boolean): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (matches(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (matches(key)) return path;
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/** The `id` segment of a dynamic route, or a 400 naming it when no stored row could have it. */
export async function readPathId(params: Promise<{ id: string }>, what: string): Promise<{ id: string } | Refused> {
  const { id } = await params;
  const problem = pathIdProblem(id);
  if (problem) return { response: jsonError(400, `the ${what} id in the path is not valid`, { id: problem }) };
  return { id };
}

/** The Content-Types a binary upload may declare (a capture file: pcap, pcapng, or plain bytes). */
export const BINARY_CONTENT_TYPES = ["application/octet-stream", "application/vnd.tcpdump.pcap", "application/x-pcapng"] as const;

/**
 * A binary body (an uploaded file) as bytes, cut off as soon as more than
 * `maxBytes` have arrived or are announced, whatever the transfer encoding.
 * Only the types in BINARY_CONTENT_TYPES are taken (415 otherwise): none of
 * them can be sent cross-site by a form without a CORS preflight.
 */
export async function readBinaryBody(request: Request, options: Required<BodyOptions>): Promise<{ bytes: Uint8Array } | Refused> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!(BINARY_CONTENT_TYPES as readonly string[]).includes(type)) {
    await request.body?.cancel().catch(() => undefined);
    return { response: jsonError(415, "the request body must be a file's bytes", { "content-type": `${type || "missing"} is not accepted: send ${BINARY_CONTENT_TYPES.join(" or ")}` }) };
  }
  const tooLarge = () => ({ response: jsonError(413, options.tooLargeMessage, { body: `at most ${options.maxBytes} bytes` }) });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  if (!request.body) return { bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return { response: jsonError(400, "the request body could not be read") };
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes };
}

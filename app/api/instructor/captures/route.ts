import { NextResponse } from "next/server";
import { MAX_CAPTURE_BYTES } from "@/lib/capture";
import { jsonError } from "@/lib/server/api-response";
import { CaptureRejected, createCapture, listCaptures, sampleSummaries } from "@/lib/server/capture-store";
import { db } from "@/lib/server/db";
import { instructorApi } from "@/lib/server/instructor-quiz-api";
import { readBinaryBody } from "@/lib/server/request-body";

/** GET /api/instructor/captures: the shipped samples and this instructor's own uploads, each with its TCP connections. */
export async function GET() {
  return instructorApi("list captures", async (instructor) => NextResponse.json({ samples: sampleSummaries(), uploads: await listCaptures(db, instructor.id) }));
}

const MAX_NAME = 200;

/**
 * POST /api/instructor/captures: the file's bytes as the body
 * (application/octet-stream, application/vnd.tcpdump.pcap or
 * application/x-pcapng), its name percent-encoded in the X-File-Name header.
 * 201 {capture: "upload:<id>", name, size, connections}; 413 above 32 MiB;
 * 400 naming the byte offset for a file the capture reader refuses, or for
 * a capture without a TCP connection.
 */
export async function POST(request: Request) {
  return instructorApi("upload capture", async (instructor) => {
    const name = fileName(request.headers.get("x-file-name"));
    if (typeof name !== "string") {
      await request.body?.cancel().catch(() => undefined);
      return jsonError(400, "the file name is not valid", { "x-file-name": name.problem });
    }
    const body = await readBinaryBody(request, { maxBytes: MAX_CAPTURE_BYTES, tooLargeMessage: `the file is larger than ${MAX_CAPTURE_BYTES / 1024 / 1024} MiB` });
    if ("response" in body) return body.response;
    if (body.bytes.length === 0) return jsonError(400, "the file is empty", { body: "send the capture file's bytes" });
    try {
      return NextResponse.json(await createCapture(db, instructor.id, name, body.bytes), { status: 201 });
    } catch (error) {
      if (error instanceof CaptureRejected) {
        return NextResponse.json({ error: error.message, fields: { body: error.message }, ...(error.offset === null ? {} : { offset: error.offset }) }, { status: 400 });
      }
      throw error;
    }
  });
}

/** The header's file name decoded, or what is wrong with it. */
function fileName(header: string | null): string | { problem: string } {
  if (header === null || header.trim() === "") return { problem: "missing: send the file's name, percent-encoded" };
  let name: string;
  try {
    name = decodeURIComponent(header).trim();
  } catch {
    return { problem: "must be percent-encoded UTF-8" };
  }
  if (name.length === 0) return { problem: "must not be empty" };
  if (name.length > MAX_NAME) return { problem: `at most ${MAX_NAME} characters` };
  if (/[\p{Cc}\p{Cs}]/u.test(name)) return { problem: "must not hold control characters" };
  return name;
}

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_CAPTURE_BYTES } from "@/lib/capture";
import { resolveQuestion, type QuestionRef } from "@/lib/questions";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { instructorWithCookie } from "./app-database";
import { useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/* Issue 12: instructors' uploaded captures, and quizzes that draw questions from them. */

let db: PrismaClient;
let api: {
  captures: typeof import("@/app/api/instructor/captures/route");
  capture: typeof import("@/app/api/instructor/captures/[id]/route");
  quizzes: typeof import("@/app/api/instructor/quizzes/route");
  quiz: typeof import("@/app/api/instructor/quizzes/[id]/route");
  check: typeof import("@/app/api/instructor/quizzes/[id]/check/route");
  publish: typeof import("@/app/api/instructor/quizzes/[id]/publish/route");
  attempts: typeof import("@/app/api/q/[code]/attempts/route");
  session: typeof import("@/app/api/sessions/[id]/route");
  answer: typeof import("@/app/api/sessions/[id]/answer/route");
  csv: typeof import("@/app/api/instructor/quizzes/[id]/results.csv/route");
};
let alice: { id: string; cookie: string };
let bob: { id: string; cookie: string };

const SAMPLE = new Uint8Array(readFileSync("content/captures/handshake-data-close.pcapng"));
type Handler = Parameters<typeof callRoute>[0];

function upload(cookie: string | null, bytes: Uint8Array | ReadableStream<Uint8Array>, name = "my%20capture.pcapng", type = "application/octet-stream") {
  return callRoute(
    api.captures.POST as unknown as Handler,
    new Request(`${ORIGIN}/api/instructor/captures`, {
      method: "POST",
      headers: { ...(cookie ? { cookie } : {}), "content-type": type, "x-file-name": name },
      body: bytes,
      ...(bytes instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );
}

const json = (method: string, path: string, cookie: string | null, body?: unknown) =>
  new Request(`${ORIGIN}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function uploaded(cookie: string): Promise<string> {
  const reply = await upload(cookie, SAMPLE);
  expect(reply.status).toBe(201);
  return (reply.json as { capture: string }).capture;
}

async function draftWith(owner: { cookie: string }, captures: unknown[]): Promise<string> {
  const created = await callRoute(api.quizzes.POST, json("POST", "/api/instructor/quizzes", owner.cookie, { from: "blank" }));
  const id = (created.json as { id: string }).id;
  const definition = { id: "from-capture", title: { zh: "抓包", en: "Capture" }, questions: [], generated: [], captures };
  expect((await callRoute(api.quiz.PUT, json("PUT", `/api/instructor/quizzes/${id}`, owner.cookie, { definition }), { id })).status).toBe(200);
  return id;
}

const remove = (cookie: string | null, capture: string) => {
  const id = capture.replace(/^upload:/, "");
  return callRoute(api.capture.DELETE, json("DELETE", `/api/instructor/captures/${id}`, cookie), { id });
};

beforeAll(async () => {
  ({ db } = await useAppDatabase());
  api = {
    captures: await import("@/app/api/instructor/captures/route"),
    capture: await import("@/app/api/instructor/captures/[id]/route"),
    quizzes: await import("@/app/api/instructor/quizzes/route"),
    quiz: await import("@/app/api/instructor/quizzes/[id]/route"),
    check: await import("@/app/api/instructor/quizzes/[id]/check/route"),
    publish: await import("@/app/api/instructor/quizzes/[id]/publish/route"),
    attempts: await import("@/app/api/q/[code]/attempts/route"),
    session: await import("@/app/api/sessions/[id]/route"),
    answer: await import("@/app/api/sessions/[id]/answer/route"),
    csv: await import("@/app/api/instructor/quizzes/[id]/results.csv/route"),
  };
  alice = await instructorWithCookie(db, "captures-alice");
  bob = await instructorWithCookie(db, "captures-bob");
});
afterAll(async () => {
  await db.$disconnect();
});

describe("POST /api/instructor/captures", () => {
  it("stores a capture the reader reads, with its connections and the decoded file name", async () => {
    const reply = await upload(alice.cookie, SAMPLE);
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      capture: expect.stringMatching(/^upload:\w+$/),
      name: "my capture.pcapng",
      size: SAMPLE.length,
      connections: [{ connection: 1, client: "127.0.0.1:43800", server: "127.0.0.1:40801", segments: 10 }],
    });
    const id = (reply.json as { capture: string }).capture.slice("upload:".length);
    const row = await db.instructorCapture.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ instructorId: alice.id, size: SAMPLE.length, name: "my capture.pcapng" });
    expect(new Uint8Array(row.bytes)).toEqual(SAMPLE);
  });

  it("refuses a file the reader refuses with a 400 naming the byte offset, and stores nothing", async () => {
    const before = await db.instructorCapture.count();
    const corrupt = SAMPLE.slice();
    corrupt.set([0xff, 0xff, 0xff, 0x7f], 4); // the section header block's length: far past the file's end
    for (const bytes of [corrupt, new TextEncoder().encode("GIF89a, not a capture at all")]) {
      const reply = await upload(alice.cookie, bytes);
      expect(reply.status).toBe(400);
      const body = reply.json as { error: string; offset: number };
      expect(typeof body.offset).toBe("number");
      expect(body.error).toContain(`at byte ${body.offset}`);
    }
    expect(await db.instructorCapture.count()).toBe(before);
  });

  it("refuses a capture without a TCP connection", async () => {
    // The sample's section and interface blocks only: a valid pcapng with no packets.
    const headerOnly = SAMPLE.slice(0, sectionAndInterfaceLength(SAMPLE));
    const reply = await upload(alice.cookie, headerOnly);
    expect(reply.status).toBe(400);
    expect((reply.json as { error: string }).error).toBe("the capture holds no TCP connection to ask about");
  });

  it("refuses more than 32 MiB: announced, or streamed without a length", async () => {
    const big = new Uint8Array(MAX_CAPTURE_BYTES + 1);
    big.set(SAMPLE);
    expect((await upload(alice.cookie, big)).status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_CAPTURE_BYTES * 2) return controller.close();
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const reply = await upload(alice.cookie, stream);
    expect(reply.status).toBe(413);
    expect(sent).toBeLessThan(MAX_CAPTURE_BYTES * 2);
  });

  it("refuses a bad file name or content type with a 4xx naming the field", async () => {
    const names = ["", "%E0%A4%A", encodeURIComponent("x".repeat(201)), "a%00b"];
    for (const name of names) {
      const reply = await upload(alice.cookie, SAMPLE, name);
      expect(reply.status, name).toBe(400);
      expect(Object.keys((reply.json as { fields: object }).fields), name).toEqual(["x-file-name"]);
    }
    const typed = await upload(alice.cookie, SAMPLE, "a.pcap", "text/plain");
    expect(typed.status).toBe(415);
    expect(Object.keys((typed.json as { fields: object }).fields)).toEqual(["content-type"]);
  });
});

describe("who may see and change captures", () => {
  it("logged out: 401 on every route", async () => {
    const capture = await uploaded(alice.cookie);
    expect((await upload(null, SAMPLE)).status).toBe(401);
    expect((await callRoute(api.captures.GET, json("GET", "/api/instructor/captures", null))).status).toBe(401);
    expect((await remove(null, capture)).status).toBe(401);
  });

  it("lists only one's own uploads, beside the samples", async () => {
    const capture = await uploaded(alice.cookie);
    const mine = (await callRoute(api.captures.GET, json("GET", "/api/instructor/captures", alice.cookie))).json as { samples: { capture: string }[]; uploads: { capture: string }[] };
    const theirs = (await callRoute(api.captures.GET, json("GET", "/api/instructor/captures", bob.cookie))).json as typeof mine;
    expect(mine.uploads.map((upload) => upload.capture)).toContain(capture);
    expect(theirs.uploads.map((upload) => upload.capture)).not.toContain(capture);
    expect(theirs.samples.map((sample) => sample.capture)).toContain("sample:handshake-data-close.pcapng");
  });

  it("another instructor's upload is a 404 to delete, and a problem at the field in their draft", async () => {
    const capture = await uploaded(alice.cookie);
    expect((await remove(bob.cookie, capture)).status).toBe(404);
    const id = await draftWith(bob, [{ capture, count: 2 }]);
    const definition: unknown = (await db.instructorQuiz.findUniqueOrThrow({ where: { id } })).definition;
    const checked = await callRoute(api.check.POST, json("POST", `/api/instructor/quizzes/${id}/check`, bob.cookie, { definition, lang: "en" }), { id });
    expect((checked.json as { problems: unknown[] }).problems).toEqual([{ path: "captures.0.capture", message: `no upload "${capture.slice(7)}" among your captures` }]);
    expect((await callRoute(api.publish.POST, json("POST", `/api/instructor/quizzes/${id}/publish`, bob.cookie), { id })).status).toBe(409);
  });
});

describe("a quiz with an uploaded capture", () => {
  it("refuses to delete the upload while a draft or a published version names it, and deletes it after", async () => {
    const capture = await uploaded(alice.cookie);
    const id = await draftWith(alice, [{ capture, count: 2 }]);
    const refused = await remove(alice.cookie, capture);
    expect(refused.status).toBe(409);
    expect((refused.json as { quizzes: { id: string }[] }).quizzes.map((quiz) => quiz.id)).toEqual([id]);
    expect((await callRoute(api.publish.POST, json("POST", `/api/instructor/quizzes/${id}/publish`, alice.cookie), { id })).status).toBe(200);
    // The draft no longer names it; the published version still does.
    const definition = { id: "from-capture", title: { zh: "抓包", en: "Capture" }, generated: [{ count: 1 }] };
    await callRoute(api.quiz.PUT, json("PUT", `/api/instructor/quizzes/${id}`, alice.cookie, { definition }), { id });
    expect((await remove(alice.cookie, capture)).status).toBe(409);
    const unused = await uploaded(alice.cookie);
    expect((await remove(alice.cookie, unused)).status).toBe(204);
    expect(await db.instructorCapture.count({ where: { id: unused.slice(7) } })).toBe(0);
  });

  it("a student's attempt asks the upload's questions and the server marks the answers", async () => {
    const capture = await uploaded(alice.cookie);
    const id = await draftWith(alice, [{ capture, count: 3 }]);
    const published = await callRoute(api.publish.POST, json("POST", `/api/instructor/quizzes/${id}/publish`, alice.cookie), { id });
    expect(published.status).toBe(200);
    const { code } = published.json as { code: string };
    const started = await callRoute(api.attempts.POST as unknown as Handler, json("POST", `/api/q/${code}/attempts`, null, { name: "Ada" }), { code } as unknown as { id: string });
    expect(started.status).toBe(201);
    const cookie = `synack_learner=${started.cookies.get("synack_learner")}`;
    const session = (started.json as { id: string }).id;
    const view = await callRoute(api.session.GET, json("GET", `/api/sessions/${session}`, cookie), { id: session });
    const questions = (view.json as { questions: { question: { kind: string; prompt: { en: string }; input: string; choices: { id: string }[] | null } }[] }).questions;
    expect(questions).toHaveLength(3);
    expect(questions.every((entry) => entry.question.kind === "capture" && entry.question.prompt.en.includes("my capture.pcapng, connection 1"))).toBe(true);
    const first = questions[0]!.question;
    // A wrong answer first: the server, not the page, knows which is right.
    const wrong = first.input === "number" ? { kind: "number", value: 999_999 } : { kind: "choice", choice: "not-a-state" };
    const answered = await callRoute(api.answer.POST, json("POST", `/api/sessions/${session}/answer`, cookie, { position: 0, response: wrong }), { id: session });
    expect(answered.status).toBe(200);
    expect(await db.answer.findFirstOrThrow({ where: { sessionId: session, position: 0 } })).toMatchObject({ kind: "capture", correct: false });
    // The right answer, as the machine gives it from the same bytes.
    const refs = (await db.studySession.findUniqueOrThrow({ where: { id: session } })).questions as unknown as QuestionRef[];
    const second = resolveQuestion(refs[1]!, { states: [], whyCards: [], captures: new Map([[capture, SAMPLE]]) }, [])!;
    const right = second.input === "number" ? { kind: "number", value: second.answer } : { kind: "choice", choice: second.answer };
    const marked = await callRoute(api.answer.POST, json("POST", `/api/sessions/${session}/answer`, cookie, { position: 1, response: right }), { id: session });
    expect(marked.status).toBe(200);
    expect(await db.answer.findFirstOrThrow({ where: { sessionId: session, position: 1 } })).toMatchObject({ kind: "capture", correct: true });

    // The results: capture questions map to no transition of the heat map; the CSV writes them.
    const { loadQuestionSource } = await import("@/lib/server/question-source");
    const { quizResults, resultsQuerySchema } = await import("@/lib/server/quiz-results");
    const results = (await quizResults(db, alice.id, id, resultsQuerySchema.parse({}), await loadQuestionSource(db), new Date()))!;
    expect(results.transitions).toEqual([]);
    const csv = await callRoute(api.csv.GET, json("GET", `/api/instructor/quizzes/${id}/results.csv`, alice.cookie), { id });
    expect(csv.status).toBe(200);
    const row = csv.text.trim().split(/\r?\n/)[1]!.split(",");
    expect(row.slice(7, 13).filter((_, at) => at % 2 === 0)).toEqual(["wrong", "right", "blank"]);
  });
});

/** Bytes up to the end of the first interface description block (the section header, then the IDB). */
function sectionAndInterfaceLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const section = view.getUint32(4, true);
  return section + view.getUint32(section + 4, true);
}

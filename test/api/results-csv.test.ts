import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { loadQuestionSource } from "@/lib/server/question-source";
import { resultsQuiz, rightResponse, seedResults, wrongResponse, type SeededResults } from "../server/results-seed";
import { useAppDatabase } from "./app-database";
import { callRoute, ORIGIN } from "./route-harness";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("./route-harness")).nextHeaders);

/** RFC 4180 read back by hand (csv-parse is not a dependency): quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

const NAMES = ["=HYPERLINK(\"http://evil\")", "张三, \"小张\"", "+1 555", "@sum", "-2", "Zoë"];

describe("GET /api/instructor/quizzes/:id/results.csv", () => {
  let db: PrismaClient;
  let seeded: SeededResults;
  let stranger: SeededResults;
  let GET: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

  beforeAll(async () => {
    ({ db } = await useAppDatabase());
    const source = await loadQuestionSource(db);
    seeded = await seedResults(db, source.context, {
      students: NAMES.length,
      name: (n) => NAMES[n]!,
      quiz: resultsQuiz(3, 1),
      answer: (student, position, question) => (position === 2 && student === 1 ? null : student === 0 ? wrongResponse(question) : rightResponse(question)),
    });
    stranger = await seedResults(db, source.context, { students: 1, quiz: resultsQuiz(1, 0) });
    ({ GET } = await import("@/app/api/instructor/quizzes/[id]/results.csv/route"));
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  const get = (id: string, cookie?: string, lang = "en") =>
    callRoute(GET, new Request(`${ORIGIN}/api/instructor/quizzes/${id}/results.csv`, { headers: { ...(cookie ? { cookie } : {}), "accept-language": lang } }), { id });

  it("401 when nobody is signed in", async () => {
    const reply = await get(seeded.quizId);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ error: "sign in as an instructor first" });
  });

  it("404 for another instructor's quiz, and for no quiz", async () => {
    expect((await get(seeded.quizId, `synack_instructor=${stranger.token}`)).status).toBe(404);
    expect((await get("nope", `synack_instructor=${seeded.token}`)).status).toBe(404);
  });

  it("a UTF-8 CSV with a BOM, as an attachment with a safe name", async () => {
    const reply = await get(seeded.quizId, `synack_instructor=${seeded.token}`);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe("text/csv; charset=utf-8");
    expect(reply.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="synack-results-${seeded.quizId}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    // Response.text() drops a BOM when it decodes, so the bytes are read as they were sent.
    let bytes = new Uint8Array();
    await callRoute(
      async (request, context) => {
        const response = await GET(request, context);
        bytes = new Uint8Array(await response.clone().arrayBuffer());
        return response;
      },
      new Request(`${ORIGIN}/api/instructor/quizzes/${seeded.quizId}/results.csv`, { headers: { cookie: `synack_instructor=${seeded.token}` } }),
      { id: seeded.quizId },
    );
    expect([...bytes.slice(0, 7)]).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("name")]);
  });

  it("parses back: a header, one row per attempt, right/wrong/blank and the answer per question, formulas neutralised", async () => {
    const reply = await get(seeded.quizId, `synack_instructor=${seeded.token}`);
    const rows = parseCsv(reply.text.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["name", "attempt", "version", "started", "finished", "seconds", "score", "Q1", "Q1 answer", "Q2", "Q2 answer", "Q3", "Q3 answer", "Q4", "Q4 answer"]);
    expect(rows).toHaveLength(1 + NAMES.length);
    const byName = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect([...byName.keys()].sort()).toEqual(["'+1 555", "'-2", "'=HYPERLINK(\"http://evil\")", "'@sum", "Zoë", "张三, \"小张\""].sort());
    const evil = byName.get("'=HYPERLINK(\"http://evil\")")!;
    expect(evil.slice(1, 3)).toEqual(["1", "1"]);
    expect(evil[6]).toBe("0");
    expect(evil.slice(7).filter((_, i) => i % 2 === 0)).toEqual(["wrong", "wrong", "wrong", "wrong"]);
    const zhang = byName.get("张三, \"小张\"")!;
    expect(zhang[11]).toBe("blank");
    expect(zhang[6]).toBe("0.75");
    expect(zhang.slice(7, 9)).toEqual(["right", "SYN_RECEIVED"]);
    expect(Number(zhang[5])).toBeGreaterThan(0);
    expect(new Date(zhang[3]!).toISOString()).toBe(zhang[3]);
  });
});

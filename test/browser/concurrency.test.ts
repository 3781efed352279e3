import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inPool, newLearnerCookie, readDatabase, send, type Reply } from "./api-client";
import { copyDatabase, startApp, stopApp, type AppServer } from "./app-server";

/*
 * Issue 10, held as a test: hundreds of gradings and answers from many
 * learners at once, on two `next start` servers sharing one database file
 * (two workers of one deployment; SQLite's locks, WAL and the busy timeout
 * are what keep them apart). Every write is stored exactly once (rows counted
 * in the file afterwards), none is answered 5xx, and neither server prints
 * "database is locked". Retries with the same Idempotency-Key, one after the
 * other and at the same moment on the two servers, are stored once and
 * answered alike; the same key with another body is a 422.
 */

const LEARNERS = 32;
const QUESTIONS = 8;
const GRADES = 8;
const IN_FLIGHT = 64;

const basePort = inject("appPort") + 2;
const template = inject("templateDatabasePath");
let servers: AppServer[] = [];
let databasePath: string;

beforeAll(async () => {
  databasePath = join(mkdtempSync(join(tmpdir(), "synack-concurrency-")), "app.db");
  copyDatabase(template, databasePath);
  servers = [await startApp(databasePath, basePort), await startApp(databasePath, basePort + 1)];
});
afterAll(async () => {
  await Promise.all(servers.map((server) => stopApp(server)));
});

interface Learner {
  cookie: string;
  /** The server this learner's requests go to first; retries go to the other one. */
  home: number;
  sessionId: string;
  choices: string[];
}

function readlinkOrNull(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

const other = (home: number) => servers[1 - home]!.url;
const token = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);
const learnerIdOf = (cookie: string) =>
  readDatabase(databasePath, (raw) => (raw.prepare("SELECT id FROM Learner WHERE tokenHash = ?").get(createHash("sha256").update(token(cookie)).digest("hex")) as { id: string }).id);

describe("many learners writing at once, on two servers sharing one database file", () => {
  it("stores every grade, answer and session exactly once, answers none 5xx, and is never 'database is locked'", async () => {
    const cardIds = readDatabase(databasePath, (raw) => (raw.prepare("SELECT id FROM Card WHERE active = 1 ORDER BY id").all() as { id: string }[]).map((row) => row.id));
    expect(cardIds.length).toBeGreaterThanOrEqual(GRADES * 2);

    const learners: Learner[] = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, i): Promise<Learner> => {
        const home = i % 2;
        const cookie = await newLearnerCookie(servers[home]!.url);
        const created = await send(servers[home]!.url, "POST", "/api/sessions", cookie, { length: QUESTIONS, kinds: ["next-state"] }, { "idempotency-key": `session-${i}` });
        expect(created.status, created.text).toBe(201);
        const sessionId = (created.json as { id: string }).id;
        const view = await send(servers[home]!.url, "GET", `/api/sessions/${sessionId}`, cookie);
        const questions = (view.json as { questions: { question: { choices: { id: string }[] } }[] }).questions;
        return { cookie, home, sessionId, choices: questions.map((entry) => entry.question.choices[0]!.id) };
      }),
    );

    const replies: { what: string; reply: Reply }[] = [];
    const record = (what: string, reply: Reply) => {
      replies.push({ what, reply });
      return reply;
    };
    const tasks: (() => Promise<unknown>)[] = [];
    learners.forEach((learner, i) => {
      const url = servers[learner.home]!.url;
      for (let g = 0; g < GRADES; g++) {
        const body = { cardId: cardIds[(i + g * 3) % cardIds.length], grade: (["again", "hard", "good", "easy"] as const)[g % 4] };
        const key = g % 2 === 0 ? { "idempotency-key": `grade-${i}-${g}` } : undefined;
        tasks.push(async () => {
          const first = record(`grade ${i}.${g}`, await send(url, "POST", "/api/review/grade", learner.cookie, body, key));
          // Every fourth keyed grade is sent again once answered, to the other server: the same answer, stored once.
          if (key && g % 4 === 0) {
            const again = record(`grade ${i}.${g} again`, await send(other(learner.home), "POST", "/api/review/grade", learner.cookie, body, key));
            expect(again.replayed, again.text).toBe(true);
            expect(again.text).toBe(first.text);
          }
        });
      }
      for (let position = 0; position < QUESTIONS; position++) {
        const body = { position, response: { kind: "choice", choice: learner.choices[position] } };
        const path = `/api/sessions/${learner.sessionId}/answer`;
        tasks.push(async () => {
          if (position % 2 === 0) {
            // Two identical answers at the same moment, one to each server, with one key: one stored, both alike.
            const key = { "idempotency-key": `answer-${i}-${position}` };
            const [a, b] = await Promise.all([send(url, "POST", path, learner.cookie, body, key), send(other(learner.home), "POST", path, learner.cookie, body, key)]);
            record(`answer ${i}.${position}`, a);
            record(`answer ${i}.${position} at once`, b);
            expect(a.text).toBe(b.text);
            expect([a.replayed, b.replayed].filter(Boolean)).toHaveLength(1);
          } else record(`answer ${i}.${position}`, await send(url, "POST", path, learner.cookie, body));
        });
      }
    });
    // Interleave the learners' tasks so that all of them write at once.
    const order = tasks.map((task, index) => ({ task, key: (index * 7919) % tasks.length })).sort((a, b) => a.key - b.key);
    const settled = await inPool(
      order.map((entry) => entry.task),
      IN_FLIGHT,
    );

    expect(settled.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    expect(replies.length).toBeGreaterThanOrEqual(LEARNERS * (GRADES + QUESTIONS));
    expect(replies.filter(({ reply }) => reply.status !== 200).map(({ what, reply }) => `${what}: ${reply.status} ${reply.text.slice(0, 200)}`)).toEqual([]);

    readDatabase(databasePath, (raw) => {
      for (const learner of learners) {
        const id = learnerIdOf(learner.cookie);
        const count = (sql: string) => (raw.prepare(sql).get(id) as { n: number }).n;
        expect(count("SELECT COUNT(*) AS n FROM StudySession WHERE learnerId = ?")).toBe(1);
        expect(count("SELECT COUNT(*) AS n FROM ReviewLog WHERE learnerId = ?")).toBe(GRADES);
        expect(count("SELECT COUNT(DISTINCT cardId) AS n FROM ReviewLog WHERE learnerId = ?")).toBe(GRADES);
        expect(count("SELECT COUNT(*) AS n FROM Answer WHERE learnerId = ?")).toBe(QUESTIONS);
        expect(count("SELECT COUNT(DISTINCT position) AS n FROM Answer WHERE learnerId = ?")).toBe(QUESTIONS);
        // Keys: the session, every other grade, every other answer.
        expect(count("SELECT COUNT(*) AS n FROM IdempotencyKey WHERE learnerId = ?")).toBe(1 + GRADES / 2 + QUESTIONS / 2);
      }
      expect((raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
    });

    for (const server of servers) {
      expect(server.output()).not.toMatch(/database is locked|SQLITE_BUSY|failed:/i);
      // One connection per server process, pages and route handlers alike (Next bundles them apart): one file descriptor each.
      const open = readdirSync(`/proc/${server.process.pid}/fd`).map((fd) => readlinkOrNull(`/proc/${server.process.pid}/fd/${fd}`));
      expect(open.filter((target) => target?.startsWith(databasePath)).sort()).toEqual([databasePath, `${databasePath}-shm`, `${databasePath}-wal`]);
    }
  });

  it("answers the same key with another body 422 on either server, and stores nothing for it", async () => {
    const cookie = await newLearnerCookie(servers[0]!.url);
    const cardId = readDatabase(databasePath, (raw) => (raw.prepare("SELECT id FROM Card WHERE active = 1 ORDER BY id LIMIT 1").get() as { id: string }).id);
    const key = { "idempotency-key": "reused-key" };
    expect((await send(servers[0]!.url, "POST", "/api/review/grade", cookie, { cardId, grade: "good" }, key)).status).toBe(200);
    const refused = await send(servers[1]!.url, "POST", "/api/review/grade", cookie, { cardId, grade: "again" }, key);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: expect.stringContaining("different request") });
    readDatabase(databasePath, (raw) => {
      expect((raw.prepare("SELECT COUNT(*) AS n FROM ReviewLog WHERE learnerId = ?").get(learnerIdOf(cookie)) as { n: number }).n).toBe(1);
    });
  });
});

import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { integrity, newLearnerCookie, readDatabase, send } from "./api-client";
import { copyDatabase, startApp, stopApp, type AppServer } from "./app-server";

/*
 * Issue 10, held as a test: the server killed with SIGKILL in the middle of
 * a burst of writes, 20 times, on one database file. After each restart
 * SQLite's integrity check is ok and every grade that got a 2xx answer is
 * in the file. Every grade carries an Idempotency-Key, stored in the same
 * transaction as the grade: a learner's grades and keys must match one for
 * one (no grade without its key, no key without its grade), every
 * acknowledged key must be there, and at most the one grade in flight when
 * the server died may be there unacknowledged.
 */

const CYCLES = 20;
const LEARNERS = 6;

const port = inject("appPort") + 4;
const template = inject("templateDatabasePath");
let server: AppServer | undefined;

afterAll(async () => {
  if (server) await stopApp(server, "SIGKILL");
});

interface Learner {
  cookie: string;
  id: string;
  acknowledged: Set<string>;
  /** Grades sent that got no answer: the server died first. */
  unanswered: number;
}

describe("the server killed with SIGKILL mid-burst, 20 times", () => {
  it("restarts every time with an intact database holding every acknowledged grade", async () => {
    const databasePath = join(mkdtempSync(join(tmpdir(), "synack-crash-")), "app.db");
    copyDatabase(template, databasePath);
    server = await startApp(databasePath, port);
    const cardIds = readDatabase(databasePath, (raw) => (raw.prepare("SELECT id FROM Card WHERE active = 1 ORDER BY id").all() as { id: string }[]).map((row) => row.id));
    const learners: Learner[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const cookie = await newLearnerCookie(server.url);
      const hash = createHash("sha256").update(cookie.slice(cookie.indexOf("=") + 1)).digest("hex");
      const id = readDatabase(databasePath, (raw) => (raw.prepare("SELECT id FROM Learner WHERE tokenHash = ?").get(hash) as { id: string }).id);
      learners.push({ cookie, id, acknowledged: new Set(), unanswered: 0 });
    }

    let sent = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const running = server;
      // Killed after a different number of acknowledged grades each cycle, between 4 and 40.
      const killAfter = 4 + ((cycle * 17) % 37);
      let acknowledgedThisCycle = 0;
      let killed: Promise<void> | null = null;
      const burst = learners.map(async (learner, l) => {
        for (let n = 0; killed === null; n++) {
          const key = `c${cycle}-l${l}-n${n}`;
          const body = { cardId: cardIds[(cycle * 7 + l * 11 + n) % cardIds.length], grade: "good" };
          sent++;
          let reply;
          try {
            reply = await send(running.url, "POST", "/api/review/grade", learner.cookie, body, { "idempotency-key": key });
          } catch (error) {
            // No answer: the server was killed while this grade was on its way or being stored.
            if (killed === null) throw error;
            learner.unanswered++;
            return;
          }
          expect(reply.status, reply.text.slice(0, 200)).toBe(200);
          learner.acknowledged.add(key);
          if (++acknowledgedThisCycle >= killAfter && killed === null) killed = stopApp(running, "SIGKILL");
        }
      });
      await Promise.all(burst);
      await killed;
      expect(running.process.signalCode).toBe("SIGKILL");

      server = await startApp(databasePath, port);
      expect(integrity(databasePath), `after kill ${cycle}`).toBe("ok");
      readDatabase(databasePath, (raw) => {
        const keysOf = raw.prepare("SELECT key FROM IdempotencyKey WHERE learnerId = ?");
        const grades = raw.prepare("SELECT COUNT(*) AS n FROM ReviewLog WHERE learnerId = ?");
        for (const learner of learners) {
          const stored = new Set((keysOf.all(learner.id) as { key: string }[]).map((row) => row.key));
          const missing = [...learner.acknowledged].filter((key) => !stored.has(key));
          expect(missing, `after kill ${cycle}: acknowledged grades lost`).toEqual([]);
          expect((grades.get(learner.id) as { n: number }).n, `after kill ${cycle}: grades and their keys`).toBe(stored.size);
          expect(stored.size).toBeLessThanOrEqual(learner.acknowledged.size + learner.unanswered);
        }
        expect(raw.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      });
    }

    const acknowledged = learners.reduce((sum, learner) => sum + learner.acknowledged.size, 0);
    expect(acknowledged).toBeGreaterThanOrEqual(CYCLES * 4);
    // Kills landed mid-request: some grades never got an answer.
    expect(learners.reduce((sum, learner) => sum + learner.unanswered, 0)).toBeGreaterThan(0);
    expect(sent).toBeGreaterThan(acknowledged);
    // The server that came back last still takes writes.
    expect((await send(server.url, "POST", "/api/review/grade", learners[0]!.cookie, { cardId: cardIds[0], grade: "easy" })).status).toBe(200);
  });
});

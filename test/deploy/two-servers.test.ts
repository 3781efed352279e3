import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStamp } from "@/lib/build/build-once";
import { buildStamp } from "@/lib/build/build-stamp";
import { addInstructor } from "@/lib/server/instructor-accounts";
import { ACCOUNT_FAILURES } from "@/lib/server/login-rate-limit";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { newLearnerCookie, send, type Reply } from "../browser/api-client";
import { BUILD_DIR, freePorts } from "../browser/app-server";
import { createPostgresDatabase, dropPostgresDatabase } from "../db/test-postgres";

/*
 * Issue 13, held as a test: two `npm start` servers started at the same
 * moment from this checkout, each on its own port, on one fresh PostgreSQL
 * database, behave like one. Real processes throughout: npm start migrates,
 * loads content and serves; the build is the browser project's (its global
 * setup builds .next once, stamped, and both starts find that build). The
 * requests of each flow go to one server and then the other, as a load
 * balancer would send them.
 */

const postgresUrl = process.env.SYNACK_TEST_POSTGRES_URL;
const title = "two npm start servers on one PostgreSQL database";

// Hang guards, not timing goals: on a busy 2-core machine a start (migrations, content, next start) takes a minute or two.
const START_MS = 15 * 60_000;
const STOP_MS = 60_000;

interface Server {
  url: string;
  process: ChildProcess;
  output(): string;
}

let servers: Server[] = [];
let databaseUrl: string;
let db: PrismaClient;

const startEnv = (port: number): NodeJS.ProcessEnv => ({
  ...process.env,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  NEXT_DIST_DIR: BUILD_DIR,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
});

/** `npm start` in a process group of its own, so that stopping it stops everything it started. */
function npmStart(port: number): Server {
  const child = spawn("npm", ["start"], { env: startEnv(port), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { url: `http://127.0.0.1:${port}`, process: child, output: () => output };
}

async function untilServing(server: Server): Promise<void> {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`npm start on ${server.url} exited (${server.process.exitCode}):\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/instructor/login`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`npm start on ${server.url} did not serve within ${START_MS / 60_000} minutes:\n${server.output()}`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(server: Server): Promise<void> {
  const pid = server.process.pid!;
  if (!groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  const deadline = Date.now() + STOP_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}

const json = (reply: Reply) => reply.json as Record<string, unknown>;

describe.skipIf(!postgresUrl)(title, () => {
  beforeAll(async () => {
    // The servers below must serve the build that is there: a build of other sources would be rebuilt under the browser tests' server.
    const env = startEnv(0);
    if (readStamp(BUILD_DIR) !== buildStamp(process.cwd(), env)) {
      throw new Error(`${BUILD_DIR} holds no build of these sources: the browser project's global setup builds it (run this file in that project)`);
    }
    databaseUrl = createPostgresDatabase("template0");
    db = createPrismaClient(databaseUrl);
    const port = await freePorts(2);
    // At the same moment: both migrate, load content and look for the build together.
    servers = [npmStart(port), npmStart(port + 1)];
    await Promise.all(servers.map(untilServing));
  }, START_MS + 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await db?.$disconnect();
    if (databaseUrl) dropPostgresDatabase(databaseUrl);
  }, 3 * STOP_MS);

  it("migrated the database once, loaded content once and built nothing", async () => {
    const outputs = servers.map((server) => server.output());
    const applied = outputs.filter((output) => output.includes("All migrations have been successfully applied"));
    expect(applied, outputs.join("\n----\n")).toHaveLength(1);
    expect(outputs.filter((output) => output.includes("No pending migrations to apply"))).toHaveLength(1);
    const migrations = readdirSync("prisma/postgresql/migrations").filter((name) => /^\d/.test(name));
    const rows = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.sort());

    const content = outputs.map((output) => /^content: .*$/m.exec(output)?.[0] ?? "(no content line)");
    expect(content.filter((line) => line.startsWith("content: loaded ") && !line.includes("another process"))).toHaveLength(1);
    expect(content.filter((line) => /^content: (loaded by another process while this one waited|unchanged) \(/.test(line))).toHaveLength(1);
    expect(await db.contentLoad.count()).toBe(1);
    expect(await db.note.count({ where: { active: true } })).toBeGreaterThan(0);

    for (const output of outputs) expect(output).toContain(`build: ${BUILD_DIR} already holds a build of these sources; not building again`);
  });

  it("a learner who grades cards on the first server sees the progress on the second", async () => {
    const cookie = await newLearnerCookie(servers[0]!.url);
    const first = await send(servers[0]!.url, "GET", "/api/review", cookie);
    expect(first.status, first.text).toBe(200);
    expect(json(first).reviewedToday).toBe(0);
    let card = (json(first).card as { id: string }).id;
    for (const grade of ["good", "again", "easy"]) {
      const graded = await send(servers[0]!.url, "POST", "/api/review/grade", cookie, { cardId: card, grade });
      expect(graded.status, graded.text).toBe(200);
      card = (json(graded).card as { id: string }).id;
    }

    const seen = await send(servers[1]!.url, "GET", "/api/review", cookie);
    expect(seen.status, seen.text).toBe(200);
    expect(json(seen).reviewedToday).toBe(3);
    // The undo on the second server takes back the last grade given on the first.
    const undone = await send(servers[1]!.url, "POST", "/api/review/undo", cookie, {});
    expect(undone.status, undone.text).toBe(200);
    expect(json(await send(servers[0]!.url, "GET", "/api/review", cookie)).reviewedToday).toBe(2);
    const progress = await fetch(`${servers[1]!.url}/progress`, { headers: { cookie } });
    expect(progress.status).toBe(200);
  });

  let instructor: string;
  let quizCode: string;
  let quizId: string;

  it("an instructor signed in on the first server is signed in on the second: the session is in the database", async () => {
    const email = "two-servers@example.edu";
    const password = "a long passphrase for two servers";
    await addInstructor(db, { email, name: "Two Servers", password });
    const login = await fetch(`${servers[0]!.url}/api/instructor/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    expect(login.status, await login.clone().text()).toBe(200);
    instructor = /synack_instructor=[^;]+/.exec(login.headers.get("set-cookie") ?? "")![0];

    const page = await fetch(`${servers[1]!.url}/instructor`, { headers: { cookie: instructor }, redirect: "manual" });
    expect(page.status).toBe(200);
    // A draft made on the second server, its time limit saved on the first, published on the second.
    const created = await send(servers[1]!.url, "POST", "/api/instructor/quizzes", instructor, { from: "file:handshake-basics" });
    expect(created.status, created.text).toBe(201);
    quizId = json(created).id as string;
    const draft = await send(servers[0]!.url, "GET", `/api/instructor/quizzes/${quizId}`, instructor);
    expect(draft.status, draft.text).toBe(200);
    const definition = json(draft).definition as { settings?: Record<string, unknown> };
    const put = await fetch(`${servers[0]!.url}/api/instructor/quizzes/${quizId}`, {
      method: "PUT",
      headers: { cookie: instructor, "content-type": "application/json" },
      body: JSON.stringify({ definition: { ...definition, settings: { ...definition.settings, timeLimitMinutes: 30 } } }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const published = await send(servers[1]!.url, "POST", `/api/instructor/quizzes/${quizId}/publish`, instructor);
    expect(published.status, published.text).toBe(200);
    quizCode = json(published).code as string;
  });

  it("a quiz attempt started on one server is answered on the other, against one deadline, and its results show on both", async () => {
    const cookie = await newLearnerCookie(servers[1]!.url);
    const started = await send(servers[0]!.url, "POST", `/api/q/${quizCode}/attempts`, cookie, { name: "Ada" });
    expect(started.status, started.text).toBe(201);
    const sessionId = json(started).id as string;

    const views = await Promise.all(servers.map((server) => send(server.url, "GET", `/api/sessions/${sessionId}`, cookie)));
    for (const view of views) expect(view.status, view.text).toBe(200);
    const [onFirst, onSecond] = views.map((view) => json(view));
    expect(onFirst!.deadline).not.toBeNull();
    expect(onSecond!.deadline).toBe(onFirst!.deadline);
    expect(new Date(onFirst!.deadline as string).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);

    const questions = onSecond!.questions as { position: number; question: { choices?: { id: string }[] }; answered: boolean }[];
    const choice = questions.find((entry) => entry.question.choices?.length)!;
    const answered = await send(servers[1]!.url, "POST", `/api/sessions/${sessionId}/answer`, cookie, { position: choice.position, response: { kind: "choice", choice: choice.question.choices![0]!.id } });
    expect(answered.status, answered.text).toBe(200);
    const after = json(await send(servers[0]!.url, "GET", `/api/sessions/${sessionId}`, cookie));
    expect((after.questions as { position: number; answered: boolean }[]).find((entry) => entry.position === choice.position)!.answered).toBe(true);

    // The instructor's results, on either server, hold the attempt.
    for (const server of servers) {
      const csv = await fetch(`${server.url}/api/instructor/quizzes/${quizId}/results.csv`, { headers: { cookie: instructor } });
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain("Ada");
    }

    // Time runs out (the deadline moved into the past in the database): both servers refuse the next answer.
    await db.studySession.update({ where: { id: sessionId }, data: { deadline: new Date(Date.now() - 60_000) } });
    const next = questions.find((entry) => entry.position !== choice.position && entry.question.choices?.length)!;
    for (const server of servers) {
      const late = await send(server.url, "POST", `/api/sessions/${sessionId}/answer`, cookie, { position: next.position, response: { kind: "choice", choice: next.question.choices![0]!.id } });
      expect(late.status, late.text).toBe(409);
    }
  });

  it("login rate limits hold across both servers: failures spread over them are refused at the same count as on one", async () => {
    const attempt = (index: number) =>
      fetch(`${servers[index % 2]!.url}/api/instructor/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "guesser@example.edu", password: `wrong guess ${index}` }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < ACCOUNT_FAILURES + 2; index++) statuses.push((await attempt(index)).status);
    expect(statuses).toEqual([...Array<number>(ACCOUNT_FAILURES).fill(401), 429, 429]);
  });

  it("signing out on the second server ends the session on the first", async () => {
    expect((await send(servers[0]!.url, "GET", "/api/instructor/quizzes", instructor)).status).toBe(200);
    const out = await fetch(`${servers[1]!.url}/api/instructor/logout`, { method: "POST", headers: { cookie: instructor } });
    expect(out.status).toBeLessThan(400);
    const refused = await send(servers[0]!.url, "GET", "/api/instructor/quizzes", instructor);
    expect(refused.status).toBe(401);
  });
});

// When skipped, say why where the run's output shows it.
if (!postgresUrl) {
  describe.skip(`${title}: skipped, SYNACK_TEST_POSTGRES_URL is not set (.ci/run sets it; scripts/throwaway-postgres.sh starts a cluster)`, () => {
    it("needs PostgreSQL", () => undefined);
  });
}

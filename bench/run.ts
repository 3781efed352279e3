import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { createPrismaClient } from "../lib/server/prisma-client";
import { buildApp } from "../test/browser/app-server";
import { captureRows, measureCapture } from "./capture";
import { benchDatabase, benchTarget, freePort, startDeployment } from "./deployment";
import { measureFloor, measureHttp, type HttpFigures } from "./http-load";
import { appRoutes, routeJs, withBareApp } from "./js-size";
import { measureQuestions } from "./questions";
import { measureResultsPage } from "./results-page";
import { measureScale } from "./scale";
import { measureUi } from "./ui";

/*
 * `npm run bench`: builds the app into its own folder, serves the production
 * build on free ports against a fresh database (bench/deployment.ts), runs
 * each measurement, prints a table and writes bench/results.json. Flags:
 * --seconds N per load point (5), --skip-build to reuse the last build in .next-bench, --only results
 * to build, serve and time the instructor's results page alone (printed, not written), --only capture
 * to read and replay a synthetic capture alone (printed, and written as the `capture` key of the results file).
 *
 * DATABASE_URL=postgresql://… runs it on PostgreSQL (databases made on that server for the run and dropped after;
 * the one it names is never written); --servers N serves with N servers behind deploy/nginx.conf, --nginx puts
 * nginx in front of one. Those runs write bench/results-<database>[-N-servers|-nginx].json, so that
 * bench/results.json stays the default's (SQLite, one server).
 */

const BUILD_DIR = ".next-bench";
const BARE_DIR = ".next-bench-bare";
const started = performance.now();
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 5;
const skipBuild = args.includes("--skip-build");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const servers = args.includes("--servers") ? Number(args[args.indexOf("--servers") + 1]) : 1;
if (!Number.isInteger(servers) || servers < 1 || servers > 16) {
  process.stderr.write(`bench: --servers takes a number of servers from 1 to 16, not "${args[args.indexOf("--servers") + 1] ?? ""}"\n`);
  process.exit(2);
}
const target = benchTarget(process.env, servers, args.includes("--nginx"));

const log = (line: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

if (only === "capture") {
  log("capture: reading and replaying 1,000 connections, 100,000 segments");
  const figures = measureCapture();
  process.stdout.write(`${captureRows(figures).map(([key, value]) => `${key}  ${value}`).join("\n")}\n`);
  // Only this key changes; its own date and commit say it was measured apart from the rest.
  const previous = existsSync(target.resultsFile) ? (JSON.parse(readFileSync(target.resultsFile, "utf8")) as Record<string, unknown>) : {};
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  writeFileSync(target.resultsFile, `${JSON.stringify({ ...previous, capture: { ...figures, measured_apart: { date: new Date().toISOString(), commit } } }, null, 2)}\n`);
  process.exit(0);
}

async function activeCardIds(databaseUrl: string): Promise<string[]> {
  const db = createPrismaClient(databaseUrl);
  try {
    return (await db.card.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((card) => card.id);
  } finally {
    await db.$disconnect();
  }
}

const loadAtStart = loadavg()[0]!;
log(`${target.database}, ${target.servers} server${target.servers > 1 ? "s" : ""}${target.nginx ? " behind nginx" : ""}: figures to ${target.resultsFile}`);
const database = benchDatabase(target, log);
process.on("exit", () => database.remove());
// Interrupted, the run's database is still removed (the exit handler runs on process.exit, not on a signal).
process.on("SIGINT", () => process.exit(130));
if (!skipBuild) {
  log(`next build into ${BUILD_DIR}`);
  await buildApp(database.database, BUILD_DIR);
}
const deployment = await startDeployment(target, database.database, BUILD_DIR, log);
const baseUrl = deployment.baseUrl;

if (only === "results") {
  try {
    const figures = await measureResultsPage(baseUrl, database.url, log).catch((error: unknown) => {
      throw new Error(`results page: ${String(error)}; the servers said:\n${deployment.output()}`);
    });
    process.stdout.write(`scale.results_ms  ${Object.entries(figures).map(([size, ms]) => `${size}: ${ms} ms`).join("  ")}\n`);
    process.stdout.write(`goal scale.results_ms["1000"] <= 10 × ["10"]: ${figures["1000"]! <= 10 * figures["10"]! ? "met" : "NOT met"} (${Math.round((figures["1000"]! / figures["10"]!) * 100) / 100})\n`);
  } finally {
    await deployment.stop();
  }
  process.exit(0);
}

let js: Record<string, number>;
let jsRaw: Record<string, number>;
let http: HttpFigures;
let ui: Awaited<ReturnType<typeof measureUi>>;
let resultsMs: Record<string, number>;
try {
  js = {};
  jsRaw = {};
  const routes = await appRoutes(baseUrl);
  for (const route of routes) {
    const figures = await routeJs(baseUrl, route);
    js[route] = figures.gzip_kb;
    jsRaw[route] = figures.raw_kb;
  }
  log(`js: ${routes.length} routes counted`);
  const review = await routeJs(baseUrl, "/review");
  const sizes = await Promise.all(review.chunks.map(async (chunk) => ({ chunk, size: (await (await fetch(`${baseUrl}${chunk}`)).arrayBuffer()).byteLength })));
  const staticPath = sizes.sort((a, b) => a.size - b.size)[0]!.chunk;
  http = await measureHttp({ baseUrl, staticPath, cardIds: await activeCardIds(database.url), seconds, log });
  log("ui: grade to next card in Chromium");
  ui = await measureUi(baseUrl, database.url);
  log("scale: the instructor's results page for 10, 100 and 1,000 students");
  resultsMs = await measureResultsPage(baseUrl, database.url, log);
} finally {
  await deployment.stop();
}

log(`bare Next app: build in ${BARE_DIR}`);
const { bare, floor } = await withBareApp(BARE_DIR, await freePort(), async (url) => {
  const page = await routeJs(url, "/");
  const sizes = await Promise.all(page.chunks.map(async (chunk) => ({ chunk, size: (await (await fetch(`${url}${chunk}`)).arrayBuffer()).byteLength })));
  return { bare: page, floor: await measureFloor(url, sizes.sort((a, b) => a.size - b.size)[0]!.chunk, seconds) };
});
js.bare = bare.gzip_kb;
jsRaw.bare = bare.raw_kb;
log(`http: bare Next app at 64 clients: static ${floor.static.rps} req/s, an echo route ${floor.route.rps} req/s (${floor.ratio})`);

log("scale: seeding and timing the data layer");
const scale = { ...(await measureScale(log)), results_ms: resultsMs };
log("questions and content check");
const questions = measureQuestions();
log("capture: reading and replaying 1,000 connections, 100,000 segments");
const capture = measureCapture();

const byEndpoint = (name: string) => Object.fromEntries(Object.entries(http.points).filter(([key]) => key.startsWith(`${name}.`)).map(([key, point]) => [key.slice(name.length + 1), point]));
const goals = {
  "http.ratio_c64.grade >= 0.5": [http.ratio_c64.grade, http.ratio_c64.grade >= 0.5],
  "http.ratio_c64.answer >= 0.5": [http.ratio_c64.answer, http.ratio_c64.answer >= 0.5],
  "http.grade.c64.p99_ms <= 50": [http.points["grade.c64"]!.p99_ms, http.points["grade.c64"]!.p99_ms <= 50],
  "http.answer.c64.p99_ms <= 50": [http.points["answer.c64"]!.p99_ms, http.points["answer.c64"]!.p99_ms <= 50],
  'scale.due_ms["100k"] <= 2 × ["1k"]': [Math.round((scale.due_ms["100k"]! / scale.due_ms["1k"]!) * 100) / 100, scale.due_ms["100k"]! <= 2 * scale.due_ms["1k"]!],
  'scale.progress_ms["100k"] <= 3 × ["1k"]': [Math.round((scale.progress_ms["100k"]! / scale.progress_ms["1k"]!) * 100) / 100, scale.progress_ms["100k"]! <= 3 * scale.progress_ms["1k"]!],
  'scale.results_ms["1000"] <= 10 × ["10"]': [Math.round((scale.results_ms["1000"]! / scale.results_ms["10"]!) * 100) / 100, scale.results_ms["1000"]! <= 10 * scale.results_ms["10"]!],
  "scale.max_params constant (<= 10)": [scale.max_params, scale.max_params <= 10],
  "js_kb./review <= 1.3 × bare": [Math.round((js["/review"]! / js.bare!) * 100) / 100, js["/review"]! <= 1.3 * js.bare!],
  "ui.grade_to_next_card_ms.p50 <= 16": [ui.grade_to_next_card_ms.p50, ui.grade_to_next_card_ms.p50 <= 16],
} as const;

const results = {
  meta: {
    date: new Date().toISOString(),
    commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
    node: process.version,
    cpus: cpus().length,
    // The machine's 1-minute load average when the run started and when it ended: other work on it slows every figure.
    load_average: [Math.round(loadAtStart * 100) / 100, 0],
    database: target.database,
    servers: target.servers,
    // Clients reached the servers through deploy/nginx.conf (https): http.static is then nginx's cache, not a server.
    nginx: target.nginx,
    seconds_per_load_point: seconds,
    js_kb_is: "gzip kB (1,000 bytes) of every JS chunk the route's HTML names; js_raw_kb uncompressed",
    total_s: 0,
  },
  http: {
    static: byEndpoint("static"),
    grade: byEndpoint("grade"),
    answer: byEndpoint("answer"),
    ratio_c64: http.ratio_c64,
    // The ceiling of ratio_c64 for any route handler here: a bare Next app's echo route against its own static asset.
    bare_c64: floor,
    answer_repeats: http.answer_repeats,
  },
  scale,
  js_kb: js,
  js_raw_kb: jsRaw,
  ui,
  questions_per_s: questions.questions_per_s,
  content_check_ms: questions.content_check_ms,
  capture,
  goals: Object.fromEntries(Object.entries(goals).map(([goal, [value, met]]) => [goal, { value, met }])),
};
results.meta.total_s = Math.round((performance.now() - started) / 1000);
results.meta.load_average[1] = Math.round(loadavg()[0]! * 100) / 100;
writeFileSync(target.resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const rows: [string, string][] = [];
for (const [key, point] of Object.entries(http.points)) rows.push([`http.${key}`, `${point.rps} req/s  p50 ${point.p50_ms} ms  p99 ${point.p99_ms} ms  errors ${point.errors}`]);
rows.push(["http.ratio_c64", `grade ${http.ratio_c64.grade}  answer ${http.ratio_c64.answer}`]);
rows.push(["http.bare_c64", `static ${floor.static.rps} req/s  echo route ${floor.route.rps} req/s (p99 ${floor.route.p99_ms} ms)  ratio ${floor.ratio}`]);
for (const key of ["due_ms", "progress_ms", "content_due_ms", "content_progress_ms", "results_ms"] as const) {
  rows.push([`scale.${key}`, Object.entries(scale[key]).map(([size, ms]) => `${size}: ${ms} ms`).join("  ")]);
}
rows.push(["scale.queries", `due ${scale.due_queries}  progress ${scale.progress_queries}  most values bound ${scale.max_params}`]);
for (const [route, kb] of Object.entries(js)) rows.push([`js_kb.${route}`, `${kb} kB gzip (${jsRaw[route]} kB raw)`]);
rows.push(["ui.grade_to_next_card_ms", `p50 ${ui.grade_to_next_card_ms.p50} ms  p95 ${ui.grade_to_next_card_ms.p95} ms  (${ui.samples} samples)`]);
for (const [kind, rate] of Object.entries(questions.questions_per_s)) rows.push([`questions_per_s.${kind}`, String(rate)]);
rows.push(["content_check_ms", String(questions.content_check_ms)]);
rows.push(...captureRows(capture));
for (const [goal, { value, met }] of Object.entries(results.goals)) rows.push([`goal ${goal}`, `${met ? "met" : "NOT met"} (${value})`]);
const width = Math.max(...rows.map(([key]) => key.length));
process.stdout.write(`${rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join("\n")}\n\n${target.resultsFile} written in ${results.meta.total_s} s\n`);

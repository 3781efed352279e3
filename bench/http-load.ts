import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

type Client = autocannon.Client;
type Request = autocannon.Request;
import { createLearners, topUpAnswers, type BenchLearner } from "./learners";
import { roundMs } from "./stats";

/*
 * Requests per second and latency of three endpoints of the production
 * server under N concurrent clients (autocannon, one connection per client,
 * each sending its next request when the last is answered): `static`, the
 * server's cheapest response (its smallest JS asset); `grade`, POST
 * /api/review/grade; `answer`, POST /api/sessions/:id/answer. For grade and
 * answer every client is its own learner, with its own cookie, grading the
 * card the server showed it last and answering its own quiz questions, each
 * request with a fresh Idempotency-Key as the pages send it.
 */

export const LEVELS = [1, 16, 64, 256] as const;

export interface LoadPoint {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Connection errors, timeouts and non-2xx responses. */
  errors: number;
}

/**
 * The same two figures for the bare Next app (js-size.ts): its smallest JS
 * asset and a route handler that only echoes a JSON body, at 64 clients.
 * Their ratio is the most any route handler of this Next on this machine can
 * reach, whatever it does.
 */
export async function measureFloor(baseUrl: string, staticPath: string, seconds: number) {
  await load(`${baseUrl}${staticPath}`, 16, 2);
  const staticPoint = await load(`${baseUrl}${staticPath}`, 64, seconds);
  const echo = (client: Client) =>
    client.setRequests([{ method: "POST", path: "/api/echo", headers: JSON_HEADERS, body: JSON.stringify({ cardId: "close-four-segments", grade: "good", tz: -480 }) }]);
  await load(baseUrl, 16, 2, echo);
  const route = await load(baseUrl, 64, seconds, echo);
  return { static: staticPoint, route, ratio: Math.round((route.rps / staticPoint.rps) * 100) / 100 };
}

export interface HttpFigures {
  points: Record<string, LoadPoint>;
  ratio_c64: { grade: number; answer: number };
  /** Answers sent again because a client had answered every question it had (a second answer only reads): should be 0. */
  answer_repeats: number;
}

export interface HttpOptions {
  baseUrl: string;
  /** The path of the static asset. */
  staticPath: string;
  /** Card ids to grade when the server shows a learner none (the day's new cards used up and nothing due). */
  cardIds: readonly string[];
  seconds: number;
  log: (line: string) => void;
}

const JSON_HEADERS = { "content-type": "application/json" };
/** A fresh Idempotency-Key for each grade and answer, as the review and quiz pages send (components/post-action.ts). */
const actionKey = () => ({ "idempotency-key": randomUUID() });

async function load(baseUrl: string, connections: number, seconds: number, setupClient?: (client: Client) => void): Promise<LoadPoint> {
  const result = await autocannon({ url: baseUrl, connections, duration: seconds, timeout: 10, ...(setupClient ? { setupClient } : {}) });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50_ms: roundMs(result.latency.p50),
    p99_ms: roundMs(result.latency.p99),
    errors: result.errors + result.non2xx,
  };
}

/** Each new connection takes the next learner: one learner per client. */
function perLearner(learners: readonly BenchLearner[], request: (learner: BenchLearner) => Request): (client: Client) => void {
  let next = 0;
  return (client) => client.setRequests([request(learners[next++ % learners.length]!)]);
}

function gradeRequest(cardIds: readonly string[]) {
  let fallback = 0;
  return (learner: BenchLearner): Request => ({
    method: "POST",
    path: "/api/review/grade",
    headers: { ...JSON_HEADERS, cookie: learner.cookie },
    setupRequest: (request) => ({
      ...request,
      headers: { ...request.headers, ...actionKey() },
      body: JSON.stringify({ cardId: learner.cardId ?? cardIds[fallback++ % cardIds.length], grade: "good" }),
    }),
    onResponse: (status, body) => {
      if (status === 200) learner.cardId = (JSON.parse(body) as { card: { id: string } | null }).card?.id ?? null;
    },
  });
}

function answerRequest(counter: { repeats: number }) {
  return (learner: BenchLearner): Request => {
    let last = learner.answers[0];
    return {
      method: "POST",
      headers: { ...JSON_HEADERS, cookie: learner.cookie },
      setupRequest: (request) => {
        const answer = learner.answers.shift();
        if (answer) last = answer;
        else counter.repeats++;
        return { ...request, headers: { ...request.headers, ...actionKey() }, path: `/api/sessions/${last!.sessionId}/answer`, body: last!.body };
      },
    };
  };
}

export async function measureHttp(options: HttpOptions): Promise<HttpFigures> {
  const { baseUrl, seconds, log } = options;
  const most = Math.max(...LEVELS);
  log(`http: creating ${most} learners, each with a quiz session`);
  const learners = await createLearners(baseUrl, most);
  const points: Record<string, LoadPoint> = {};
  const record = (name: string, n: number, point: LoadPoint) => {
    points[`${name}.c${n}`] = point;
    log(`http: ${name} c${n}: ${point.rps} req/s, p50 ${point.p50_ms} ms, p99 ${point.p99_ms} ms, ${point.errors} errors`);
  };

  // A short run of each first: the server loads a route's code on its first request, and the JIT warms up.
  await load(`${baseUrl}${options.staticPath}`, 16, 2);
  for (const n of LEVELS) record("static", n, await load(`${baseUrl}${options.staticPath}`, n, seconds));

  await load(baseUrl, 16, 2, perLearner(learners.slice(0, 16), gradeRequest(options.cardIds)));
  for (const n of LEVELS) record("grade", n, await load(baseUrl, n, seconds, perLearner(learners.slice(0, n), gradeRequest(options.cardIds))));

  const counter = { repeats: 0 };
  const warm = await load(baseUrl, 16, 2, perLearner(learners.slice(0, 16), answerRequest(counter)));
  counter.repeats = 0;
  // Enough questions for twice the warm-up's rate, and for clients served three times as often as the average.
  const expected = Math.max(warm.rps, 50) * 2 * seconds;
  for (const n of LEVELS) {
    const group = learners.slice(0, n);
    await topUpAnswers(baseUrl, group, Math.ceil((3 * expected) / n) + 10);
    record("answer", n, await load(baseUrl, n, seconds, perLearner(group, answerRequest(counter))));
  }
  if (counter.repeats > 0) log(`http: ${counter.repeats} answers were repeats (a client had answered all its questions)`);

  const ratio = (name: string) => Math.round((points[`${name}.c64`]!.rps / points["static.c64"]!.rps) * 100) / 100;
  return { points, ratio_c64: { grade: ratio("grade"), answer: ratio("answer") }, answer_repeats: counter.repeats };
}

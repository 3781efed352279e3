/*
 * Learners for the load and UI measurements, made the way a browser makes
 * them: the first write sets the learner cookie. Each keeps its cookie, the
 * card the server last showed it, and quiz questions it has not answered yet
 * (with an answer of the right shape, right or wrong).
 */

export interface PendingAnswer {
  sessionId: string;
  position: number;
  body: string;
}

export interface BenchLearner {
  cookie: string;
  cardId: string | null;
  answers: PendingAnswer[];
}

type PublicQuestion = { input: string; choices: { id: string }[] | null; matchTargets?: { id: string }[] };

/** An answer that fits the question's input (the checker says whether it is right; the load is the same). */
function responseFor(question: PublicQuestion): unknown {
  const first = question.choices?.[0]?.id ?? "CLOSED";
  switch (question.input) {
    case "choice":
      return { kind: "choice", choice: first };
    case "state":
      return { kind: "state", state: first };
    case "flags":
      return { kind: "flags", flags: "ACK" };
    case "segment":
      return { kind: "segment", flags: "ACK", seq: 1, ack: 1 };
    case "number":
      return { kind: "number", value: 1 };
    case "order":
      return { kind: "order", order: (question.choices ?? []).map((choice) => choice.id) };
    case "match":
      return { kind: "match", pairs: Object.fromEntries((question.choices ?? []).map((choice, i) => [choice.id, question.matchTargets?.[i]?.id ?? ""])) };
    default:
      return { kind: "self-grade", covered: [0] };
  }
}

async function request(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return response;
}

const json = { "content-type": "application/json" };

/** A new quiz session of 40 generated questions for this learner (the first one creates the learner). */
async function addSession(baseUrl: string, learner: BenchLearner): Promise<void> {
  const created = await request(`${baseUrl}/api/sessions`, {
    method: "POST",
    headers: { ...json, ...(learner.cookie ? { cookie: learner.cookie } : {}) },
    body: JSON.stringify({ mode: "quiz", length: 40 }),
  });
  const setCookie = created.headers.get("set-cookie");
  if (!learner.cookie) {
    if (!setCookie) throw new Error("POST /api/sessions set no learner cookie");
    learner.cookie = setCookie.split(";")[0]!;
  }
  const { id } = (await created.json()) as { id: string };
  const view = await request(`${baseUrl}/api/sessions/${id}`, { headers: { cookie: learner.cookie } });
  const { questions } = (await view.json()) as { questions: { position: number; question: PublicQuestion }[] };
  for (const { position, question } of questions) {
    learner.answers.push({ sessionId: id, position, body: JSON.stringify({ position, response: responseFor(question) }) });
  }
}

/** `count` new learners, each with one quiz session and the first card the review page would show it. */
export async function createLearners(baseUrl: string, count: number, parallel = 4): Promise<BenchLearner[]> {
  const learners: BenchLearner[] = Array.from({ length: count }, () => ({ cookie: "", cardId: null, answers: [] }));
  await inParallel(learners, parallel, async (learner) => {
    await addSession(baseUrl, learner);
    const status = (await (await request(`${baseUrl}/api/review`, { headers: { cookie: learner.cookie } })).json()) as { card: { id: string } | null };
    learner.cardId = status.card?.id ?? null;
  });
  return learners;
}

/** Adds sessions until each learner has at least `wanted` unanswered questions. */
export async function topUpAnswers(baseUrl: string, learners: readonly BenchLearner[], wanted: number, parallel = 4): Promise<void> {
  const jobs = learners.flatMap((learner) => Array.from({ length: Math.max(0, Math.ceil((wanted - learner.answers.length) / 40)) }, () => learner));
  await inParallel(jobs, parallel, (learner) => addSession(baseUrl, learner));
}

async function inParallel<T>(items: readonly T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { createHash, randomBytes, randomUUID } from "node:crypto";

/*
 * Instructors and their quizzes written straight into a test server's
 * database, as `npm run -s instructor -- add` and the builder would leave
 * them, so that a browser test starts from a signed-in instructor with a
 * published quiz without walking through the pages that other tests cover.
 */

export interface SeededInstructor {
  id: string;
  email: string;
  password: string;
  /** `synack_instructor=<token>`, for fetch; `token` for a browser context's cookie. */
  cookie: string;
  token: string;
}

export async function seedInstructor(databasePath: string, email: string, name = email.split("@")[0]!): Promise<SeededInstructor> {
  const id = `instr-${randomUUID()}`;
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    raw.prepare(`INSERT INTO Instructor (id, email, name, passwordHash, mustChangePassword, createdAt) VALUES (?, ?, ?, ?, 0, ?)`).run(id, email, name, await hash(password), now.toISOString());
    raw
      .prepare(`INSERT INTO InstructorSession (id, tokenHash, instructorId, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)`)
      .run(`sess-${randomUUID()}`, createHash("sha256").update(token).digest("hex"), id, now.toISOString(), new Date(now.getTime() + 12 * 3600_000).toISOString());
  } finally {
    raw.close();
  }
  return { id, email, password, token, cookie: `synack_instructor=${token}` };
}

export interface SeededQuiz {
  id: string;
  code: string;
  versionId: string;
  title: string;
}

/**
 * A quiz with one fixed next-state question and a generated slot, published under a fresh code.
 * `definition`: fields that replace the built definition's (a description, other questions, no slots), as a builder would save them.
 */
export function seedPublishedQuiz(
  databasePath: string,
  instructorId: string,
  extra: { title?: string; settings?: Record<string, unknown>; definition?: Record<string, unknown> } = {},
): SeededQuiz {
  const id = `iq-${randomUUID()}`;
  const versionId = `qv-${randomUUID()}`;
  const code = randomBytes(4).toString("hex").toUpperCase().slice(0, 6);
  const title = extra.title ?? `Seeded quiz ${code}`;
  const definition = JSON.stringify({
    id: "seeded-quiz",
    title: { zh: `${title}（中文）`, en: title },
    questions: [
      { id: "q1", type: "next-state", prompt: { zh: "LISTEN 收到 SYN 后进入什么状态？", en: "A socket in LISTEN receives a SYN. Which state does it enter?" }, state: "LISTEN", event: "rcv SYN", answer: "SYN_RECEIVED" },
    ],
    generated: [{ kinds: ["next-state"], count: 2 }],
    ...(extra.settings ? { settings: extra.settings } : {}),
    ...extra.definition,
  });
  const now = new Date().toISOString();
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    raw.transaction(() => {
      raw.prepare(`INSERT INTO InstructorQuiz (id, instructorId, definition, code, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`).run(id, instructorId, definition, code, now, now);
      raw.prepare(`INSERT INTO QuizVersion (id, instructorQuizId, definition, createdAt) VALUES (?, ?, ?, ?)`).run(versionId, id, definition, now);
      raw.prepare(`UPDATE InstructorQuiz SET liveVersionId = ? WHERE id = ?`).run(versionId, id);
    })();
  } finally {
    raw.close();
  }
  return { id, code, versionId, title };
}

/** An uploaded capture, as POST /api/instructor/captures stores it: its id ("upload:<id>" in a quiz). */
export function seedCapture(databasePath: string, instructorId: string, bytes: Uint8Array, name = "seeded.pcapng"): string {
  const id = `cap-${randomUUID()}`;
  const raw = new Database(databasePath);
  try {
    raw.pragma("busy_timeout = 10000");
    raw
      .prepare(`INSERT INTO InstructorCapture (id, instructorId, name, sha256, bytes, size, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(id, instructorId, name, createHash("sha256").update(bytes).digest("hex"), Buffer.from(bytes), bytes.length, new Date().toISOString());
  } finally {
    raw.close();
  }
  return id;
}

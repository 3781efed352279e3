import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { useAppDatabase } from "../api/app-database";

vi.mock("server-only", () => ({}));

type Store = typeof import("@/lib/server/instructor-quiz-store");
let db: PrismaClient;
let store: Store;
let alice: string;
let bob: string;
const noProblems = async () => [];

beforeAll(async () => {
  ({ db } = await useAppDatabase());
  store = await import("@/lib/server/instructor-quiz-store");
  alice = (await db.instructor.create({ data: { email: "alice@example.org", passwordHash: "x" } })).id;
  bob = (await db.instructor.create({ data: { email: "bob@example.org", passwordHash: "x" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
});

describe("ownership", () => {
  it("another instructor's quiz is not found, for every operation", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    await expect(store.getQuiz(db, bob, id)).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.saveDraft(db, bob, id, { id: "x" })).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.setArchived(db, bob, id, true)).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.publishQuiz(db, bob, id, noProblems)).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.unpublishQuiz(db, bob, id)).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.quizFile(db, bob, id)).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.createQuiz(db, bob, `copy:${id}`)).rejects.toBeInstanceOf(store.QuizNotFound);
    expect((await store.listQuizzes(db, bob)).map((quiz) => quiz.id)).not.toContain(id);
    expect((await store.getQuiz(db, alice, id)).status).toBe("draft");
  });

  it("a missing id is not found", async () => {
    await expect(store.getQuiz(db, alice, "nope")).rejects.toBeInstanceOf(store.QuizNotFound);
    await expect(store.createQuiz(db, alice, "file:no-such-quiz")).rejects.toBeInstanceOf(store.QuizNotFound);
  });
});

describe("create, duplicate, archive", () => {
  it("a blank quiz starts valid and the list is newest first", async () => {
    const first = await store.createQuiz(db, bob, "blank");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await store.createQuiz(db, bob, "blank");
    const list = await store.listQuizzes(db, bob);
    expect(list.map((quiz) => quiz.id).slice(0, 2)).toEqual([second.id, first.id]);
    expect(list[0]).toMatchObject({ status: "draft", code: null, attempts: 0, title: { zh: "新测验", en: "New quiz" } });
  });

  it("duplicate copies the definition with (copy) in the title", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    await store.saveDraft(db, alice, id, { id: "mine", title: { zh: "我的", en: "Mine" }, generated: [{ count: 2 }] });
    const copy = await store.createQuiz(db, alice, `copy:${id}`);
    const view = await store.getQuiz(db, alice, copy.id);
    expect(view.definition).toEqual({ id: "mine-copy", title: { zh: "我的（副本）", en: "Mine (copy)" }, generated: [{ count: 2 }] });
    expect(view.code).toBeNull();
  });

  it("archived quizzes leave the default list and come back when unarchived", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    await store.setArchived(db, alice, id, true);
    expect((await store.listQuizzes(db, alice)).map((quiz) => quiz.id)).not.toContain(id);
    expect((await store.listQuizzes(db, alice, { archived: true })).find((quiz) => quiz.id === id)?.status).toBe("archived");
    await store.setArchived(db, alice, id, false);
    expect((await store.listQuizzes(db, alice)).map((quiz) => quiz.id)).toContain(id);
  });

  it("copying a file quiz keeps its questions, generated slots and settings", async () => {
    const row = await db.quiz.findFirstOrThrow({ where: { id: "close-and-time-wait" } });
    const { id } = await store.createQuiz(db, alice, "file:close-and-time-wait");
    const view = await store.getQuiz(db, alice, id);
    expect(view.origin).toBe("file:close-and-time-wait");
    expect(view.definition.questions).toEqual(row.questions);
    expect(view.definition.generated).toEqual(row.generated);
    expect(view.definition.title).toEqual({ zh: row.titleZh, en: row.titleEn });
  });
});

describe("publishing", () => {
  it("freezes a version; a later edit does not change it; republishing keeps the code", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    const first = await store.publishQuiz(db, alice, id, noProblems);
    expect(first.code).toMatch(new RegExp(`^[${store.CODE_ALPHABET}]{6}$`));
    const frozen = await db.quizVersion.findUniqueOrThrow({ where: { id: first.versionId } });
    expect((await store.getQuiz(db, alice, id)).draftDiffers).toBe(false);
    // The same draft with its keys in another order (a builder may send them so; jsonb keeps its own order) is no change.
    const same = (await store.getQuiz(db, alice, id)).definition;
    await store.saveDraft(db, alice, id, Object.fromEntries(Object.entries(same).reverse()));
    expect((await store.getQuiz(db, alice, id)).draftDiffers).toBe(false);
    await store.saveDraft(db, alice, id, { id: "edited", title: { zh: "改", en: "Edited" }, generated: [{ count: 1 }] });
    expect((await store.getQuiz(db, alice, id)).draftDiffers).toBe(true);
    expect((await db.quizVersion.findUniqueOrThrow({ where: { id: first.versionId } })).definition).toEqual(frozen.definition);
    expect((await store.getQuiz(db, alice, id)).liveDefinition).toEqual(frozen.definition);

    const second = await store.publishQuiz(db, alice, id, noProblems);
    expect(second.code).toBe(first.code);
    expect(second.versionId).not.toBe(first.versionId);
    expect((await store.getQuiz(db, alice, id)).liveDefinition).toMatchObject({ id: "edited" });
    expect(await db.quizVersion.count({ where: { instructorQuizId: id } })).toBe(2);
  });

  it("refuses a draft with problems and freezes nothing", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    const problems = [{ path: "title.zh", message: "must not be empty" }];
    await expect(store.publishQuiz(db, alice, id, async () => problems)).rejects.toMatchObject({ name: "DraftHasProblems", problems });
    expect(await db.quizVersion.count({ where: { instructorQuizId: id } })).toBe(0);
    expect((await store.getQuiz(db, alice, id)).status).toBe("draft");
  });

  it("unpublish takes it off the link and keeps the code", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    const { code } = await store.publishQuiz(db, alice, id, noProblems);
    await store.unpublishQuiz(db, alice, id);
    const view = await store.getQuiz(db, alice, id);
    expect(view).toMatchObject({ status: "draft", code, liveDefinition: null });
  });

  it("codes are unique: a colliding code is drawn again", async () => {
    const a = await store.createQuiz(db, alice, "blank");
    const b = await store.createQuiz(db, bob, "blank");
    const { code } = await store.publishQuiz(db, alice, a.id, noProblems, () => "ABCDEF");
    const draws = ["ABCDEF", "ABCDEF", "GHJKMN"];
    const second = await store.publishQuiz(db, bob, b.id, noProblems, () => draws.shift()!);
    expect(code).toBe("ABCDEF");
    expect(second.code).toBe("GHJKMN");
    expect(draws).toEqual([]);
  });

  it("counts attempts across the quiz's versions", async () => {
    const { id } = await store.createQuiz(db, alice, "blank");
    const { versionId } = await store.publishQuiz(db, alice, id, noProblems);
    const learner = await db.learner.create({ data: { tokenHash: "attempts-learner" } });
    await db.studySession.create({ data: { learnerId: learner.id, mode: "quiz", config: {}, questions: [], quizVersionId: versionId, attempt: 1 } });
    await db.studySession.create({ data: { learnerId: learner.id, mode: "quiz", config: {}, questions: [], quizVersionId: versionId, attempt: 2 } });
    expect((await store.listQuizzes(db, alice)).find((quiz) => quiz.id === id)?.attempts).toBe(2);
  });
});

describe("download", () => {
  it("is the draft as YAML named after its id", async () => {
    const { id } = await store.createQuiz(db, alice, "file:handshake-basics");
    const file = await store.quizFile(db, alice, id);
    expect(file.filename).toBe("handshake-basics.yaml");
    expect(file.text.startsWith("id: handshake-basics\ntitle:\n")).toBe(true);
  });
});

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/server/generated/prisma/client";
import { createTestDatabase } from "./test-database";

/*
 * One request's transaction must not swallow another request's statements on
 * the app's single SQLite connection. The app's client (createPrismaClient)
 * goes through lib/server/sqlite-connection.ts; the bare adapter is the control.
 */

let database: ReturnType<typeof createTestDatabase>;
let bare: PrismaClient;

beforeAll(() => {
  database = createTestDatabase();
  bare = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: database.url }) });
});

afterAll(async () => {
  await database.db.$disconnect();
  await bare.$disconnect();
});

class Refused extends Error {}

/**
 * A transaction that writes, lets `meanwhile` start outside it, and then fails,
 * so Prisma rolls it back. Returns what `meanwhile` returned. With
 * `untilDone`, the transaction fails only once `meanwhile` has finished (the
 * bare adapter never makes it wait); otherwise after a moment (on the app's
 * connection `meanwhile` waits for the transaction, whatever the moment).
 */
async function failingTransactionAround<T>(client: PrismaClient, tag: string, meanwhile: () => Promise<T>, untilDone = false): Promise<T> {
  let started!: () => void;
  const inside = new Promise<void>((resolve) => (started = resolve));
  let handOver!: (other: Promise<T>) => void;
  const otherDone = new Promise<T>((resolve) => (handOver = resolve));
  const transaction = client.$transaction(async (tx) => {
    await tx.learner.create({ data: { tokenHash: `${tag}-rolled-back` } });
    started();
    await (untilDone ? otherDone : new Promise((resolve) => setTimeout(resolve, 100)));
    throw new Refused();
  });
  await inside;
  const other = meanwhile();
  handOver(other);
  const [result, outcome] = await Promise.all([other, transaction.then(() => "committed", (error) => (error instanceof Refused ? "rolled back" : String(error)))]);
  expect(outcome).toBe("rolled back");
  return result;
}

async function learnerExists(client: PrismaClient, tokenHash: string): Promise<boolean> {
  return (await client.learner.count({ where: { tokenHash } })) === 1;
}

describe("the app's connection: a statement never runs inside another request's transaction", () => {
  it("a write made while a transaction is open survives that transaction's rollback", async () => {
    const written = await failingTransactionAround(database.db, "app", () => database.db.learner.create({ data: { tokenHash: "app-acknowledged" } }));
    expect(written.tokenHash).toBe("app-acknowledged");
    expect(await learnerExists(database.db, "app-acknowledged")).toBe(true);
    expect(await learnerExists(database.db, "app-rolled-back")).toBe(false);
  });

  it("a read made while a transaction is open does not see its uncommitted rows", async () => {
    const seen = await failingTransactionAround(database.db, "read", () => learnerExists(database.db, "read-rolled-back"));
    expect(seen).toBe(false);
  });

  it("many requests at once, some in failing transactions: every acknowledged write is there, no rolled-back one", async () => {
    const work = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? database.db
            .$transaction(async (tx) => {
              await tx.learner.create({ data: { tokenHash: `burst-${i}-rolled-back` } });
              throw new Refused();
            })
            .catch((error) => (error instanceof Refused ? null : Promise.reject(error)))
        : database.db.learner.create({ data: { tokenHash: `burst-${i}` } }),
    );
    await Promise.all(work);
    const stored = await database.db.learner.findMany({ where: { tokenHash: { startsWith: "burst-" } }, select: { tokenHash: true } });
    expect(stored.map((row) => row.tokenHash).sort()).toEqual(Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `burst-${i}`).sort());
  });
});

describe("the bare adapter (the control: why the app wraps it)", () => {
  it("loses a write made while another transaction is open, when that transaction rolls back", async () => {
    const written = await failingTransactionAround(bare, "bare", () => bare.learner.create({ data: { tokenHash: "bare-acknowledged" } }), true);
    // Acknowledged: create() returned the row.
    expect(written.tokenHash).toBe("bare-acknowledged");
    expect(await learnerExists(bare, "bare-acknowledged")).toBe(false);
  });
});

import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/*
 * The app talks to SQLite over one better-sqlite3 connection, and a
 * transaction is a state of that connection, not of a request. Prisma's
 * better-sqlite3 adapter makes transactions wait for each other, but not
 * plain statements: while one request's transaction is open and awaiting,
 * another request's INSERT runs on the same connection, inside it. It then
 * sees that transaction's uncommitted rows, and if the transaction rolls back,
 * the other request's write, already acknowledged, is rolled back with it.
 *
 * This wraps the adapter so that the connection is used by one thing at a
 * time: a statement, or a whole transaction from BEGIN to COMMIT or ROLLBACK.
 * Statements inside a transaction go through its own object, so they never
 * wait on the lock the transaction holds. SQLite runs one writer at a time
 * anyway; what changes is that nothing runs inside someone else's transaction.
 */
export function serializeConnection(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialized(await factory.connect()),
  };
}

/** A FIFO lock: each acquire resolves, in order, to the function that releases it. */
class Turns {
  #last: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#last.then(() => once(release));
    this.#last = this.#last.then(() => mine);
    return ready;
  }
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}

function serialized(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const turns = new Turns();
  async function alone<T>(work: () => Promise<T>): Promise<T> {
    const release = await turns.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => alone(() => adapter.dispose()),
    async startTransaction(isolationLevel) {
      // Held from BEGIN until Prisma commits or rolls back (it does both on error and on its transaction timeout).
      const release = await turns.acquire();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query) => transaction.queryRaw(query),
        executeRaw: (query) => transaction.executeRaw(query),
        commit: () => transaction.commit().finally(release),
        rollback: () => transaction.rollback().finally(release),
      };
    },
  };
}

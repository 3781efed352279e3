import { accessSync, constants } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteErrorCode } from "./storage-errors";

/*
 * The one SQLite connection a process uses, as Prisma's driver adapter.
 * Prisma's better-sqlite3 adapter shares one connection between everything:
 * a statement sent while another request's transaction is open runs inside
 * that transaction, so its write is lost if the transaction rolls back, after
 * it was acknowledged. And when a COMMIT fails (a full disk: WAL mode writes
 * at COMMIT), SQLite's transaction may stay open, so later writes are
 * acknowledged into it and never committed, while Prisma calls neither
 * commit() nor rollback(), so a lock held until then is held for good (every
 * later statement waits). Here every statement and every transaction takes
 * turns on one lock, transactions begin IMMEDIATE (they hold SQLite's write
 * lock from the start, so two processes on one file wait for each other
 * through the busy timeout instead of failing with "database is locked"),
 * and a failed COMMIT is rolled back and lets go. better-sqlite3 runs each
 * statement synchronously, so taking turns costs nothing that was not
 * already spent.
 *
 * The connection is opened on first use and opened again after a spell
 * without the file: an open that failed is retried by the next request, and a
 * connection that SQLite opened read-only (the disk was read-only) is
 * replaced once the file can be written again, so writes work again without
 * a restart.
 */

type Connection = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Connection["startTransaction"]>>;
type Query = Parameters<Connection["queryRaw"]>[0];

/**
 * How long a statement waits for another process's write lock before
 * "database is locked". better-sqlite3 waits synchronously, holding this
 * process's event loop, so transactions stay short (a few statements).
 */
export const BUSY_TIMEOUT_MS = 5_000;

/*
 * WAL lets readers go on while one writer commits, and a process killed at
 * any point leaves the file whole with every committed transaction in it
 * (test/browser/crash.test.ts kills the server 20 times mid-burst).
 * synchronous = NORMAL syncs the WAL to disk at checkpoints, not at every
 * commit: a write acknowledged to a learner survives the process being
 * killed or crashing, but a power cut or kernel crash may lose the last
 * transactions acknowledged since the last checkpoint (the file stays
 * consistent; it is never corrupted). FULL would make each acknowledged
 * write survive a power cut too, at one fsync per commit: about 4.5 ms on
 * this VM's disk, during which better-sqlite3 holds the whole server's
 * event loop, against 0.07 ms. For a study log, NORMAL (Rails' default for
 * SQLite too); a deployment that must not lose a grade to a power cut
 * changes the one word below to FULL.
 */
const PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });

/** A FIFO lock: acquire() resolves with the function that releases it (once). */
class Lock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#tail.then(() => once(release));
    this.#tail = this.#tail.then(() => released);
    return turn;
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

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

class SerializedConnection implements Connection {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #factory: PrismaBetterSQLite3;
  /** The same file, which must exist: opening again never creates an empty database in place of one that went missing. */
  readonly #reopenFactory: PrismaBetterSQLite3;
  readonly #path: string;
  readonly #lock = new Lock();
  #open: Connection | null = null;
  #opened = false;
  /** Set by an error that says the open connection cannot serve: "now" reopens at the next turn, "when-writable" once the file can be written. */
  #reopen: "now" | "when-writable" | null = null;

  constructor(url: string) {
    this.#factory = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
    this.#reopenFactory = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
    this.#path = url.replace(/^file:/, "");
    this.adapterName = this.#factory.adapterName;
  }

  queryRaw(query: Query) {
    return this.#turn((connection) => connection.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.#turn((connection) => connection.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#turn((connection) => connection.executeScript(script));
  }

  async startTransaction(isolationLevel?: Parameters<Connection["startTransaction"]>[0]): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite transactions are SERIALIZABLE, not ${isolationLevel}`);
    const release = await this.#lock.acquire();
    try {
      const connection = await this.#connection();
      await this.#watched(connection.executeRaw(statement("BEGIN IMMEDIATE")));
      return new LockedTransaction(connection, release, (error) => this.#notice(error), this.adapterName);
    } catch (error) {
      release();
      throw error;
    }
  }

  async dispose() {
    const release = await this.#lock.acquire();
    try {
      await this.#open?.dispose();
      this.#open = null;
    } finally {
      release();
    }
  }

  async #turn<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    const release = await this.#lock.acquire();
    try {
      return await this.#watched(work(await this.#connection()));
    } finally {
      release();
    }
  }

  async #watched<T>(result: Promise<T>): Promise<T> {
    try {
      return await result;
    } catch (error) {
      this.#notice(error);
      throw error;
    }
  }

  #notice(error: unknown) {
    const code = sqliteErrorCode(error) ?? "";
    if (code.startsWith("SQLITE_CANTOPEN")) this.#reopen = "now";
    else if (code.startsWith("SQLITE_READONLY") && this.#reopen === null) this.#reopen = "when-writable";
  }

  /** The open connection, opened (again) if it has to be; called only while holding the lock, outside any transaction. */
  async #connection(): Promise<Connection> {
    if (this.#open && (this.#reopen === "now" || (this.#reopen === "when-writable" && writable(this.#path)))) {
      await this.#open.dispose().catch(() => undefined);
      this.#open = null;
    }
    if (!this.#open) {
      const connection = await (this.#opened ? this.#reopenFactory : this.#factory).connect();
      this.#opened = true;
      this.#reopen = null;
      try {
        await connection.executeScript(PRAGMAS);
      } catch (error) {
        // A read-only or unopenable file still gets a connection: reads may work, and each write says why it cannot.
        if (sqliteErrorCode(error) === null) {
          await connection.dispose();
          throw error;
        }
        this.#notice(error);
      }
      this.#open = connection;
    }
    return this.#open;
  }
}

/** A transaction holding the connection's lock from BEGIN IMMEDIATE until Prisma's COMMIT or ROLLBACK. */
class LockedTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly options = { usePhantomQuery: false };
  readonly #connection: Connection;
  readonly #release: () => void;
  readonly #notice: (error: unknown) => void;

  constructor(
    connection: Connection,
    release: () => void,
    notice: (error: unknown) => void,
    readonly adapterName: string,
  ) {
    this.#connection = connection;
    this.#release = release;
    this.#notice = notice;
  }

  async queryRaw(query: Query) {
    try {
      return await this.#connection.queryRaw(query);
    } catch (error) {
      this.#notice(error);
      throw error;
    }
  }

  async executeRaw(query: Query) {
    try {
      return await this.#connection.executeRaw(query);
    } catch (error) {
      // SQLite rolls a transaction back itself after some errors (SQLITE_FULL in a statement): Prisma's ROLLBACK then
      // finds none, and its error would hide the one that caused it (a full disk would answer 500, not 503).
      if (query.sql === "ROLLBACK" && /no transaction is active/.test(String((error as Error | undefined)?.message ?? error))) {
        this.#release();
        return 0;
      }
      this.#notice(error);
      // Prisma sends COMMIT and ROLLBACK as statements and calls neither commit() nor rollback() when they fail.
      // A failed COMMIT (SQLITE_FULL, SQLITE_IOERR) may leave SQLite's transaction open: roll it back, then let go.
      if (query.sql === "COMMIT") await this.#connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      if (query.sql === "COMMIT" || query.sql === "ROLLBACK") this.#release();
      throw error;
    }
  }

  commit() {
    this.#release();
    return Promise.resolve();
  }

  rollback() {
    this.#release();
    return Promise.resolve();
  }
}

/**
 * Prisma's adapter factory for the SQLite file at `url`: one serialized
 * connection per client (see above), with SQLite's busy timeout set.
 */
export class SerializedSQLite {
  readonly provider = "sqlite" as const;
  /** Prisma's own adapter's name: what runs below is that adapter. */
  readonly adapterName = "@prisma/adapter-better-sqlite3";

  constructor(readonly url: string) {}

  connect(): Promise<Connection> {
    return Promise.resolve(new SerializedConnection(this.url));
  }
}

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/*
 * The driver adapter Prisma's CLI migrates PostgreSQL through (prisma.config.ts).
 * Prisma 6.19's WebAssembly schema engine reads PostgreSQL's catalog, whose
 * identifiers have the type `name` (OID 19), and @prisma/adapter-pg has no
 * column type for it: every migrate command fails with "Column type 'name'
 * could not be deserialized from the database" (prisma/prisma#27403, open).
 * `name` is text of at most 63 bytes, and pg already returns it as a string,
 * so the client below reports such columns as text (OID 25) and changes
 * nothing else. The app's own queries never return `name` columns and use
 * the adapter as published (lib/server/prisma-client.ts).
 */
const NAME_OID = 19;
const TEXT_OID = 25;

type QueryResult = { fields?: { dataTypeID: number }[] };

function nameAsText<T>(result: T): T {
  for (const field of (result as QueryResult | undefined)?.fields ?? []) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

class NameAsTextClient extends pg.Client {
  // pg's query() has many overloads: a promise, or a callback as the last argument (how pg's Pool calls it).
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") args[last] = (error: unknown, result: unknown) => callback(error, error ? result : nameAsText(result));
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(nameAsText) : result) as never;
  }
}

/*
 * `prisma migrate deploy` takes a PostgreSQL advisory lock with a 10 s timeout
 * (Prisma's "Timeout: 10000ms"). The WebAssembly engine arms that timeout as a
 * JavaScript timer and never clears it once the lock is held, so the CLI sat
 * idle for 10 s after its work was done: every `npm start`, `db copy` and test
 * migration on PostgreSQL took 10 s longer. Unref'd, the timer still fires
 * while the lock is awaited (the waiting query's socket keeps the process
 * alive, and the timeout is reported as before); it only no longer keeps a
 * finished process alive. Only that timer: 10 s, armed from Prisma's CLI.
 */
const LOCK_TIMEOUT_MS = 10_000;
let lockTimerUnrefd = false;
function unrefEngineLockTimer(): void {
  if (lockTimerUnrefd) return;
  lockTimerUnrefd = true;
  const original = globalThis.setTimeout;
  globalThis.setTimeout = Object.assign(function (this: unknown, ...args: Parameters<typeof setTimeout>) {
    const timer = original.apply(this, args);
    if (args[1] === LOCK_TIMEOUT_MS && /node_modules[\\/]prisma[\\/]build/.test(new Error().stack ?? "")) timer.unref();
    return timer;
  }, original);
}

export function postgresMigrationAdapter(connectionString: string): PrismaPg {
  unrefEngineLockTimer();
  // allowExitOnIdle: likewise for the pool's idle connections, which pg otherwise keeps open for 10 s.
  return new PrismaPg({ connectionString, Client: NameAsTextClient, allowExitOnIdle: true } as ConstructorParameters<typeof PrismaPg>[0]);
}

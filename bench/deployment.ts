import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseProvider, printableDatabaseUrl, type DatabaseProvider } from "../lib/server/database-url";
import { databaseUrlOf, prepareDatabase, startApp, stopApp, type AppServer } from "../test/browser/app-server";
import { setup as migratePostgresTemplate, teardown as dropPostgresDatabases } from "../test/db/postgres-global-setup";
import { createPostgresDatabase } from "../test/db/test-postgres";
import { startNginx, stopNginx, type NginxServer } from "../test/deploy/nginx-server";

/*
 * What `npm run bench` measures: the production build served by one or more
 * `next start` servers on one database, behind deploy/nginx.conf when there
 * are several (or with --nginx), over https as a browser would reach them.
 *
 * The database is new for the run and gone after it. SQLite: a file in a
 * temporary folder. PostgreSQL, when DATABASE_URL names a server: databases
 * made on that server for the run (the app's, and the scale measurements'),
 * dropped at the end; the database DATABASE_URL names is only connected to,
 * to create them, and never written. Its user needs CREATEDB.
 */

export interface BenchTarget {
  database: DatabaseProvider;
  servers: number;
  nginx: boolean;
  /** Where the figures go: bench/results.json for the default (SQLite, one server), a file of its own for the others. */
  resultsFile: string;
}

export function benchTarget(env: NodeJS.ProcessEnv, servers: number, nginx: boolean): BenchTarget {
  const database = env.DATABASE_URL ? databaseProvider(env.DATABASE_URL) : "sqlite";
  const behindNginx = nginx || servers > 1;
  const suffix = [database === "postgresql" || servers > 1 || behindNginx ? database : "", servers > 1 ? `${servers}-servers` : "", behindNginx && servers === 1 ? "nginx" : ""].filter(Boolean).join("-");
  return { database, servers, nginx: behindNginx, resultsFile: suffix ? `bench/results-${suffix}.json` : "bench/results.json" };
}

export interface BenchDatabase {
  /** A SQLite file's path or a PostgreSQL URL, as startApp takes it. */
  database: string;
  /** The same as a DATABASE_URL. */
  url: string;
  /** Drops or deletes everything made for the run. */
  remove(): void;
}

/** A migrated database with the content loaded, new for this run. */
export function benchDatabase(target: BenchTarget, log: (line: string) => void): BenchDatabase {
  if (target.database === "sqlite") {
    const folder = mkdtempSync(join(tmpdir(), "synack-bench-"));
    const database = join(folder, "app.db");
    log(`database ${database}: migrations and content`);
    prepareDatabase(database);
    return { database, url: databaseUrlOf(database), remove: () => rmSync(folder, { recursive: true, force: true }) };
  }
  const server = process.env.DATABASE_URL!;
  // The PostgreSQL test helpers make (and at the end drop) every database of the run on this server; scale.ts's
  // createTestDatabase makes its own there as well.
  process.env.SYNACK_TEST_POSTGRES_URL = server;
  process.env.SYNACK_TEST_DATABASE = "postgresql";
  try {
    migratePostgresTemplate();
  } catch (error) {
    throw new Error(`bench: could not create a database on ${printableDatabaseUrl(server)} (its user needs CREATEDB; the database it names is never written): ${error instanceof Error ? error.message : String(error)}`);
  }
  const database = createPostgresDatabase();
  log(`database ${printableDatabaseUrl(database)} (made for this run, dropped at the end): content`);
  prepareDatabase(database);
  return { database, url: database, remove: dropPostgresDatabases };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface Deployment {
  /** Where clients go: the one server, or nginx. */
  baseUrl: string;
  servers: AppServer[];
  nginx: NginxServer | null;
  /** The servers' output, the last `chars` of each, for an error message. */
  output(chars?: number): string;
  stop(): Promise<void>;
}

/** `target.servers` servers of the build in `buildDir` on `database`, behind nginx if the target says so. */
export async function startDeployment(target: BenchTarget, database: string, buildDir: string, log: (line: string) => void): Promise<Deployment> {
  const servers: AppServer[] = [];
  let nginx: NginxServer | null = null;
  const stop = async () => {
    if (nginx) await stopNginx(nginx);
    await Promise.all(servers.map((server) => stopApp(server)));
  };
  try {
    for (let i = 0; i < target.servers; i++) {
      // TRUST_PROXY=1 behind nginx, as deploy/nginx.conf says each server needs.
      servers.push(await startApp(database, await freePort(), { buildDir, ...(target.nginx ? { env: { TRUST_PROXY: "1" } } : {}) }));
    }
    if (target.nginx) {
      nginx = await startNginx({ upstreams: servers.map((server) => new URL(server.url).host), httpPort: await freePort(), httpsPort: await freePort(), serverName: "localhost" });
      // The certificate was made a moment ago for this run and names localhost: this process's fetch is told to accept it
      // (autocannon and Chromium are told on their own).
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const baseUrl = nginx ? nginx.httpsUrl : servers[0]!.url;
  log(`serving ${baseUrl}${nginx ? ` (nginx in front of ${servers.map((server) => server.url).join(", ")})` : ""}`);
  return {
    baseUrl,
    servers,
    nginx,
    output: (chars = 3000) => servers.map((server, i) => `server ${i + 1}:\n${server.output().slice(-chars)}`).join("\n") + (nginx ? `\nnginx:\n${nginx.errorLog().slice(-chars)}` : ""),
    stop,
  };
}

import pg from "pg";
import { printableDatabaseUrl } from "./database-url";

/*
 * One plain connection to PostgreSQL for the database tools (`db -- copy`,
 * `backup`, `check`), opened before anything else is done so that a wrong
 * host, port, password or database name is one clear line naming the server
 * (never its password), not a failure halfway through.
 */

/** PostgreSQL could not be reached, or refused the connection. */
export class PostgresUnreachableError extends Error {
  override name = "PostgresUnreachableError";
}

/** A connect that hangs (a firewall dropping packets) gives up after this long. */
const CONNECT_TIMEOUT_MS = 15_000;

export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An error on an idle connection (the server restarting) fails the next query; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
    throw new PostgresUnreachableError(`cannot connect to ${printableDatabaseUrl(url)}: ${reason.split("\n")[0]}`);
  }
}

/** The server's version, as "15.18", and its major number. */
export async function serverVersion(client: pg.Client): Promise<{ text: string; major: number }> {
  const { rows } = await client.query<{ server_version: string; server_version_num: string }>("SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num");
  const text = rows[0]!.server_version.split(" ")[0]!;
  return { text, major: Math.floor(Number(rows[0]!.server_version_num) / 10_000) };
}

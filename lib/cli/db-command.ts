import { parseArgs } from "node:util";
import { databaseProvider, databaseUrl } from "../server/database-url";
import { PostgresUnreachableError } from "../server/postgres-connection";
import { copyCommand } from "./db-copy";
import { backupPostgres, checkPostgres } from "./postgres-backup";
import { type CommandIo, type CommandResult, UsageError } from "./run-cli";
import { backupSqlite, checkSqlite } from "./sqlite-backup";

/**
 * `npm run -s db -- backup | check | copy`: the database that DATABASE_URL
 * names (data/synack.db by default), while the app keeps serving. Each
 * provider's backup and check are in lib/cli/sqlite-backup.ts and
 * lib/cli/postgres-backup.ts; the move from SQLite to PostgreSQL in
 * lib/cli/db-copy.ts.
 */

const USAGE = [
  "usage: npm run -s db -- backup FILE [--force]",
  "         a verified backup of the configured database, taken while the app serves: SQLite's VACUUM INTO, checked with",
  "         PRAGMA integrity_check; PostgreSQL's pg_dump (custom format, --no-owner), checked with pg_restore --list.",
  "         Written beside FILE and renamed into place only once checked; an existing FILE only with --force.",
  "       npm run -s db -- check",
  "         SQLite: PRAGMA integrity_check and the counts. PostgreSQL: the connection, the server's version, that every",
  "         migration is applied, and the counts. Exit code 1 if something is wrong.",
  "       npm run -s db -- copy --to postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE [--replace]",
  "         copies the SQLite database (DATABASE_URL) into an existing PostgreSQL database: migrates it, refuses it (exit code 2) if",
  "         it holds SynAck rows (--replace empties those tables first), copies every table in one transaction, and",
  "         compares the counts and a SHA-256 of every row on both sides (exit code 1 and nothing committed if any differ).",
].join("\n");
const SHORT_USAGE = "usage: npm run -s db -- backup FILE [--force] | check | copy --to postgresql://... [--replace] (--help says more)";

/** The flags each command takes; any other is refused. */
const FLAGS: Record<string, readonly string[]> = { backup: ["force"], check: [], copy: ["to", "replace"] };

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { force: { type: "boolean" }, to: { type: "string" }, replace: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    if ((error as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag) {
      throw new UsageError(flag === "--to" ? `--to needs a value, the postgresql:// URL to copy into; ${SHORT_USAGE}` : `${flag} takes no value; ${SHORT_USAGE}`);
    }
    throw new UsageError(flag ? `unknown flag ${flag}; ${SHORT_USAGE}` : SHORT_USAGE);
  }
}

export async function dbCommand(argv: string[], io: CommandIo): Promise<CommandResult> {
  try {
    return await run(argv, io);
  } catch (error) {
    // An unreachable server is the caller's to fix (host, port, password, database name): a usage error, exit code 2.
    throw error instanceof PostgresUnreachableError ? new UsageError(error.message) : error;
  }
}

async function run(argv: string[], io: CommandIo): Promise<CommandResult> {
  const { values, positionals } = parse(argv);
  if (values.help) return USAGE;
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError(SHORT_USAGE);
  if (!(command in FLAGS)) throw new UsageError(`unknown command "${command}"; ${SHORT_USAGE}`);
  const extra = Object.keys(values).find((flag) => !FLAGS[command]!.includes(flag));
  if (extra) throw new UsageError(`${command} does not take --${extra}; ${SHORT_USAGE}`);
  const url = databaseUrl();
  const postgres = databaseProvider(url) === "postgresql";
  if (command === "backup") {
    if (rest.length !== 1) throw new UsageError(`backup takes one FILE; ${SHORT_USAGE}`);
    return postgres ? backupPostgres(url, rest[0]!, values.force === true) : backupSqlite(url.slice("file:".length), rest[0]!, values.force === true);
  }
  if (rest.length !== 0) throw new UsageError(`${command} takes no arguments; ${SHORT_USAGE}`);
  if (command === "check") return postgres ? checkPostgres(url) : checkSqlite(url.slice("file:".length));
  return copyCommand(url, values.to, values.replace === true, io);
}

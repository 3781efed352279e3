import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";

const DEFAULT_URL = "file:./data/synack.db";

export type DatabaseProvider = "sqlite" | "postgresql";

const databaseUrlSchema = z
  .string()
  .regex(
    /^(file:.+|postgres(ql)?:\/\/.+)$/,
    'DATABASE_URL must be a SQLite file URL such as "file:./data/synack.db" or a PostgreSQL URL such as "postgresql://synack@db.example.edu:5432/synack"',
  );

/** Which database a URL names: PostgreSQL for postgresql:// (or postgres://), SQLite for file:. */
export function databaseProvider(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/**
 * The database the app uses: DATABASE_URL, or data/synack.db in the project.
 * A SQLite path is taken from the working directory and made absolute, and
 * its folder is created, so that a fresh clone needs no setup; a PostgreSQL
 * URL is used as given (the database must exist; `npm start` migrates it).
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = databaseUrlSchema.safeParse(env.DATABASE_URL || DEFAULT_URL);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid DATABASE_URL");
  if (databaseProvider(parsed.data) === "postgresql") return parsed.data;
  const path = parsed.data.slice("file:".length);
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  mkdirSync(dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}

/** The URL as it may be printed: a PostgreSQL password is replaced by "***". */
export function printableDatabaseUrl(url: string): string {
  if (databaseProvider(url) !== "postgresql") return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://(unparsable URL)";
  }
}

import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";

const DEFAULT_URL = "file:./data/synack.db";

const databaseUrlSchema = z
  .string()
  .regex(/^file:.+/, 'DATABASE_URL must be a SQLite file URL such as "file:./data/synack.db"');

/**
 * The SQLite file the app uses: DATABASE_URL, or data/synack.db in the project.
 * Relative paths are taken from the working directory, and the folder is
 * created so that a fresh clone needs no setup.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = databaseUrlSchema.safeParse(env.DATABASE_URL ?? DEFAULT_URL);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "invalid DATABASE_URL");
  const path = parsed.data.slice("file:".length);
  const absolute = isAbsolute(path) ? path : resolve(process.cwd(), path);
  mkdirSync(dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}

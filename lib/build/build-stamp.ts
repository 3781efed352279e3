import { createHash, type Hash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/*
 * What a production build (`next build`) is made from, as one hash: equal
 * stamps mean a build of these sources is that build again, so `npm start`
 * can skip it (lib/build/build-once.ts). Every source the app imports lives
 * in the folders and files below (test/build/build-stamp.test.ts checks that
 * the app imports nothing from elsewhere); content/, data/ and the build
 * folder are not among them: content is read at run time, from the database
 * and content/captures, and every page is rendered per request.
 */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "next.config.js",
  "tsconfig.json",
  "package.json",
  // The versions of Next, React and every other package the bundle holds.
  "package-lock.json",
  // Next reads these at build time (NEXT_PUBLIC_ values are written into the bundle).
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
] as const;

/** Environment variables by name (process.env, or one made up by a test). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Bump when what goes into the stamp changes, so that builds stamped before are made again once. */
const STAMP_VERSION = "1";

/**
 * The stamp of the sources under `root` and of the environment a build
 * depends on: NEXT_PUBLIC_ variables (written into the bundle), NODE_ENV
 * (production unless set) and Node's version.
 */
export function buildStamp(root: string, env: Environment = process.env): string {
  const hash = createHash("sha256").update(`synack build stamp ${STAMP_VERSION}\0node ${process.versions.node}\0NODE_ENV=${env.NODE_ENV || "production"}\0`);
  for (const name of Object.keys(env).filter((key) => key.startsWith("NEXT_PUBLIC_")).sort()) hash.update(`${name}=${env[name]}\0`);
  for (const input of BUILD_INPUTS) addPath(hash, root, input);
  return hash.digest("hex");
}

/** Adds a file's path and bytes, a folder's entries in order, a symbolic link's target; nothing for a path that is not there. */
function addPath(hash: Hash, root: string, path: string): void {
  const full = join(root, path);
  let info;
  try {
    info = lstatSync(full);
  } catch {
    return;
  }
  if (info.isSymbolicLink()) hash.update(`link ${path}\0${readlinkSync(full)}\0`);
  else if (info.isDirectory()) {
    hash.update(`folder ${path}\0`);
    for (const entry of readdirSync(full).sort()) addPath(hash, root, `${path}/${entry}`);
  } else if (info.isFile()) {
    const bytes = readFileSync(full);
    hash.update(`file ${path}\0${bytes.length}\0`).update(bytes).update("\0");
  }
}

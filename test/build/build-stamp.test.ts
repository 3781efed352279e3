import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildOnce, lockPath, readStamp } from "@/lib/build/build-once";
import { BUILD_INPUTS, buildStamp } from "@/lib/build/build-stamp";

/*
 * Issue 13: several `npm start`s in one checkout share one build folder. The
 * build is skipped when the folder holds a build of exactly these sources,
 * and made by one process at a time.
 */

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "synack-build-"));
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("components/button.tsx", "export const Button = () => null;\n");
  write("lib/server/db.ts", "export const db = 1;\n");
  write("next.config.js", "export default {};\n");
  write("package.json", "{}\n");
  write("package-lock.json", '{"lockfileVersion": 3}\n');
  write("tsconfig.json", "{}\n");
  write("proxy.ts", "export function proxy() {}\n");
  write("content/notes/a.md", "a note\n");
  write("data/synack.db", "a database\n");
  write(".next/BUILD_ID", "one\n");
});

const env = { NODE_ENV: "production", DATABASE_URL: "file:./data/synack.db" };

describe("buildStamp", () => {
  it("changes when a source changes, is added or is removed", () => {
    const before = buildStamp(root, env);
    expect(buildStamp(root, env)).toBe(before);
    write("app/page.tsx", "export default function Page() { return 1; }\n");
    const edited = buildStamp(root, env);
    expect(edited).not.toBe(before);
    write("lib/new-idea.ts", "export const idea = 1;\n");
    const added = buildStamp(root, env);
    expect(added).not.toBe(edited);
    rmSync(join(root, "lib/new-idea.ts"));
    expect(buildStamp(root, env)).toBe(edited);
  });

  it.each(["components/button.tsx", "lib/server/db.ts", "next.config.js", "package-lock.json", "tsconfig.json", "proxy.ts"])("changes when %s changes", (path) => {
    const before = buildStamp(root, env);
    write(path, `${readFileSync(join(root, path), "utf8")}// changed\n`);
    expect(buildStamp(root, env)).not.toBe(before);
  });

  it("does not change with the build folder, the database, content or anything the build does not read", () => {
    const before = buildStamp(root, env);
    write(".next/BUILD_ID", "two\n");
    write(".next/server/app/page.js", "built\n");
    write("data/synack.db", "more rows\n");
    write("data/synack.db-wal", "a log\n");
    write("content/notes/b.md", "another note\n");
    write("test/new.test.ts", "a test\n");
    write("docs/deploy.md", "docs\n");
    expect(buildStamp(root, env)).toBe(before);
    expect(buildStamp(root, { ...env, DATABASE_URL: "postgresql://db.example.edu/synack", PORT: "3001" })).toBe(before);
  });

  it("changes with what Next writes into the bundle: NEXT_PUBLIC_ variables and NODE_ENV", () => {
    const before = buildStamp(root, env);
    expect(buildStamp(root, { ...env, NEXT_PUBLIC_SITE: "x" })).not.toBe(before);
    expect(buildStamp(root, { ...env, NODE_ENV: "development" })).not.toBe(before);
    // Next builds for production unless told otherwise.
    expect(buildStamp(root, { DATABASE_URL: env.DATABASE_URL })).toBe(before);
  });

  it("covers every file the app imports: app, components, lib and proxy.ts import nothing from outside BUILD_INPUTS", () => {
    const project = resolve(".");
    const outside: string[] = [];
    const sources = ["app", "components", "lib", "proxy.ts"].flatMap((path) => sourceFiles(join(project, path)));
    expect(sources.length).toBeGreaterThan(100);
    for (const file of sources) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const target = specifier!.startsWith("@/") ? join(project, specifier!.slice(2)) : specifier!.startsWith(".") ? resolve(dirname(file), specifier!) : null;
        if (target === null) continue;
        const top = relative(project, target).split(sep)[0]!;
        if (!(BUILD_INPUTS as readonly string[]).some((input) => input === top || `${top}.ts` === input)) outside.push(`${relative(project, file)}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return /\.(ts|tsx|js|mjs)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((entry) => (entry === "generated" ? [] : sourceFiles(join(path, entry))));
}

describe("buildOnce", () => {
  const options = (build: () => Promise<void>, onWait?: () => void) => ({ root, distDir: ".next", env, build: async () => build(), ...(onWait ? { onWait } : {}) });
  const fakeBuild = (log: string[]) => async () => {
    log.push("build");
    write(".next/BUILD_ID", `build ${log.length}\n`);
  };

  it("builds, then finds the build of the same sources and builds again only when a source changed", async () => {
    const log: string[] = [];
    expect(await buildOnce(options(fakeBuild(log)))).toBe("built");
    expect(readStamp(join(root, ".next"))).toBe(buildStamp(root, env));
    expect(await buildOnce(options(fakeBuild(log)))).toBe("up-to-date");
    write("data/synack.db", "rows written by the server\n");
    expect(await buildOnce(options(fakeBuild(log)))).toBe("up-to-date");
    write("components/button.tsx", "export const Button = () => 1;\n");
    expect(await buildOnce(options(fakeBuild(log)))).toBe("built");
    expect(log).toEqual(["build", "build"]);
  });

  it("two at once: one builds while the other waits, then finds that build", async () => {
    const log: string[] = [];
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let waited = false;
    const first = buildOnce(options(async () => {
      log.push("build");
      await finished;
    }));
    // The first holds the lock (its folder exists) before the second asks.
    while (!exists(lockPath(join(root, ".next")))) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = buildOnce(options(fakeBuild(log), () => {
      waited = true;
      finish();
    }));
    expect(await Promise.all([first, second])).toEqual(["built", "built-by-another"]);
    expect(waited).toBe(true);
    expect(log).toEqual(["build"]);
    expect(exists(lockPath(join(root, ".next")))).toBe(false);
  });

  it("a failed build leaves no stamp, even where an earlier build's was, and the next start builds again", async () => {
    const log: string[] = [];
    await buildOnce(options(fakeBuild(log)));
    write("app/page.tsx", "a syntax error\n");
    await expect(buildOnce(options(async () => Promise.reject(new Error("next build failed"))))).rejects.toThrow("next build failed");
    expect(readStamp(join(root, ".next"))).toBeNull();
    expect(exists(lockPath(join(root, ".next")))).toBe(false);
    write("app/page.tsx", "export default function Page() { return 2; }\n");
    expect(await buildOnce(options(fakeBuild(log)))).toBe("built");
  });

  it("a build whose sources changed while it ran gets no stamp", async () => {
    expect(await buildOnce(options(async () => write("app/page.tsx", "edited during the build\n")))).toBe("built");
    expect(readStamp(join(root, ".next"))).toBeNull();
  });

  it("takes over a lock left by a process that was killed (untouched for over a minute)", async () => {
    const lock = lockPath(join(root, ".next"));
    mkdirSync(lock);
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lock, old, old);
    const log: string[] = [];
    expect(await buildOnce(options(fakeBuild(log)))).toBe("built");
    expect(log).toEqual(["build"]);
  });
});

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

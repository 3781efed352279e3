import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { startApp, stopApp } from "../test/browser/app-server";

/*
 * First-load JavaScript: what a browser downloads to show a route, read from
 * the page the production server sends (every /_next/static/…js the HTML
 * names, in its script tags and in the flight data that hydration loads
 * from), each counted once, gzipped as a server would send it. The same
 * count for a bare Next app (one page, one client component) built with the
 * same Next and React gives the floor.
 */

const CHUNK = /\/_next\/static\/[\w\-./]+?\.js/g;

export interface RouteJs {
  /** Gzipped kB (1 kB = 1,000 bytes). */
  gzip_kb: number;
  raw_kb: number;
  chunks: string[];
}

export async function routeJs(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RouteJs> {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  const html = await response.text();
  const chunks = [...new Set(html.replace(/\\\//g, "/").match(CHUNK) ?? [])].sort();
  let raw = 0;
  let gzip = 0;
  for (const chunk of chunks) {
    const body = Buffer.from(await (await fetch(`${baseUrl}${chunk}`)).arrayBuffer());
    raw += body.byteLength;
    gzip += gzipSync(body).byteLength;
  }
  return { gzip_kb: Math.round(gzip / 100) / 10, raw_kb: Math.round(raw / 100) / 10, chunks };
}

/** The pages of the app, and one note; a quiz or interview session page needs a session and is left out. */
export async function appRoutes(baseUrl: string): Promise<string[]> {
  const learn = await (await fetch(`${baseUrl}/learn`)).text();
  const note = learn.match(/href="(\/learn\/(?!diagram|scenarios)[\w-]+)"/)?.[1];
  return ["/", "/review", "/quiz", "/interview", "/learn", "/learn/diagram", "/learn/scenarios", ...(note ? [note] : []), "/progress", "/settings"];
}

const BARE_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ private: true, type: "module" }),
  "next.config.mjs": "export default {};\n",
  "app/layout.jsx": 'export default function Layout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  "app/page.jsx": 'import { Counter } from "./counter";\n\nexport default function Page() {\n  return <Counter />;\n}\n',
  "app/counter.jsx": '"use client";\nimport { useState } from "react";\n\nexport function Counter() {\n  const [count, setCount] = useState(0);\n  return <button onClick={() => setCount(count + 1)}>{count}</button>;\n}\n',
  // The least a route handler can do with a JSON body, for the load figures' floor (http-load.ts).
  "app/api/echo/route.js": "export async function POST(request) {\n  return Response.json(await request.json());\n}\n",
};

/**
 * Builds the bare app in `dir` (inside the project, so that it resolves the
 * project's node_modules), serves it on `port` and hands its URL to `measure`.
 */
export async function withBareApp<T>(dir: string, port: number, measure: (url: string) => Promise<T>): Promise<T> {
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(BARE_FILES)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const next = resolve("node_modules/.bin/next");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", NEXT_DIST_DIR: "" };
  const build = spawnSync(next, ["build"], { cwd: dir, env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`bare app: next build failed:\n${build.stdout}\n${build.stderr}`);
  const server = await startApp("", port, { buildDir: ".next", cwd: dir, readyPath: "/" });
  try {
    return await measure(server.url);
  } finally {
    await stopApp(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

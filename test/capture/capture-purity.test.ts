import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

/*
 * The reader and the replay run in the browser too (a learner's capture never leaves the
 * machine), so lib/capture may import only itself and the pure core it replays with
 * (lib/tcp, lib/sim), and may not use Node's Buffer.
 */
const DIR = join(process.cwd(), "lib/capture");

it.each(readdirSync(DIR).filter((name) => name.endsWith(".ts")))("lib/capture/%s imports nothing of Node and no framework", (name) => {
  const source = readFileSync(join(DIR, name), "utf8");
  const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
  for (const path of imports) expect(path).toMatch(/^\.\/[\w-]+$|^\.\.\/(tcp|sim)(\/[\w-]+)?$/);
  expect(source).not.toMatch(/\bBuffer\.|new Buffer|: Buffer\b|\bprocess\.|\brequire\(/);
});

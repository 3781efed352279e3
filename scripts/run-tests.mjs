// `npm test`'s last step: vitest, with the browser tests beside the rest.
//
// Vitest runs a project whose files go one at a time (the browser tests share
// one built app and one server) in a group of its own, after every other
// file has finished. Those files mostly keep one core busy, so on a 2-core
// machine the other sat idle for a third of the suite. Two vitest processes,
// one for the browser project and one for the rest, use both cores
// throughout. Each keeps its own limits (two workers; one browser file at a
// time), so the number of processes stays bounded.
//
// With arguments (`npm test -- test/tcp`), it is one plain `vitest run` with them.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const VITEST = "node_modules/.bin/vitest";
const args = process.argv.slice(2);

/** Runs vitest, each line of its output prefixed when two run at once; resolves with its exit code. */
function vitest(vitestArgs, prefix) {
  return new Promise((resolve) => {
    const child = spawn(VITEST, ["run", ...vitestArgs], { stdio: prefix ? ["ignore", "pipe", "pipe"] : "inherit" });
    children.push(child);
    if (prefix) {
      for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${prefix}${line}\n`));
      }
    }
    child.on("error", (error) => {
      process.stderr.write(`run-tests: cannot start ${VITEST}: ${error.message} (run npm ci first)\n`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const children = [];
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

if (args.length > 0) {
  process.exit(await vitest(args));
}

const [rest, browser] = await Promise.all([vitest(["--project", "!browser"], "[tests]   "), vitest(["--project", "browser"], "[browser] ")]);
process.stdout.write(`\nrun-tests: ${rest === 0 ? "passed" : `FAILED (exit ${rest})`}: unit, database and server tests; ${browser === 0 ? "passed" : `FAILED (exit ${browser})`}: browser tests\n`);
process.exit(rest === 0 && browser === 0 ? 0 : 1);

// `npm test`: the type check, the content check and vitest, all at once.
//
// Vitest runs a project whose files go one at a time (the browser tests share
// one built app and one server) in a group of its own, after every other
// file has finished. Those files mostly keep one core busy, so on a 2-core
// machine the other sat idle for a third of the suite. Two vitest processes,
// one for the browser project and one for the rest, use both cores
// throughout. Each keeps its own limits (two workers; one browser file at a
// time), so the number of processes stays bounded. The type check and the
// content check (a minute or two on one core each) run beside them instead
// of before them; if either fails, the tests are stopped, as `&&` would have
// stopped them, and the run fails.
//
// With arguments (`npm test -- test/tcp`), the checks and one plain
// `vitest run` with those arguments.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const BIN = "node_modules/.bin";
const args = process.argv.slice(2);

/** Runs one command, each line of its output prefixed; resolves with its exit code. */
function run(command, commandArgs, prefix) {
  return new Promise((resolve) => {
    const child = spawn(`${BIN}/${command}`, commandArgs, { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => to.write(`${prefix}${line}\n`));
    }
    child.on("error", (error) => {
      process.stderr.write(`run-tests: cannot start ${BIN}/${command}: ${error.message} (run npm ci first)\n`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const children = [];
const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));

let stoppedBy;
/** A check that fails stops everything still running: the failure is the answer, and the rest would only bury it. */
const check = async (name, command, commandArgs, prefix) => {
  const code = await run(command, commandArgs, prefix);
  if (code !== 0 && !stoppedBy) {
    stoppedBy = name;
    process.stderr.write(`run-tests: ${name} failed: stopping the tests\n`);
    stopAll("SIGTERM");
  }
  return code;
};

const parts = [
  { name: "type check", done: check("the type check", "tsc", ["--noEmit"], "[typecheck] ") },
  { name: "content check", done: check("the content check", "tsx", ["lib/cli/content-check.ts"], "[content] ") },
  ...(args.length > 0
    ? [{ name: `vitest ${args.join(" ")}`, done: run("vitest", ["run", ...args], "") }]
    : [
        { name: "unit, database and server tests", done: run("vitest", ["run", "--project", "!browser"], "[tests]   ") },
        { name: "browser tests", done: run("vitest", ["run", "--project", "browser"], "[browser] ") },
      ]),
];
const codes = await Promise.all(parts.map((part) => part.done));
const verdicts = parts.map((part, i) => `${codes[i] === 0 ? "passed" : stoppedBy && i > 1 ? "STOPPED" : `FAILED (exit ${codes[i]})`}: ${part.name}`);
process.stdout.write(`\nrun-tests: ${verdicts.join("; ")}\n`);
process.exit(codes.every((code) => code === 0) ? 0 : 1);

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentCheckCommand } from "@/lib/cli/content-check-command";
import { exportCommand } from "@/lib/cli/export-command";
import { importCommand } from "@/lib/cli/import-command";
import { questionsCommand } from "@/lib/cli/questions-command";
import { dbCommand } from "@/lib/cli/db-command";
import { instructorCommand } from "@/lib/cli/instructor-command";
import type { AsyncCommand, Command } from "@/lib/cli/run-cli";
import { tcpCommand } from "@/lib/cli/tcp-command";
import { writeContentDir } from "../content/content-fixture";
import { createTestDatabase } from "../server/test-database";
import { MAX_PROCESSES, runScript, type CliResult } from "./cli-process";
import { runAsyncInProcess, runInProcess } from "./run-in-process";

/*
 * The CLI tests run each command in-process (run-in-process.ts). Here each
 * entry that `npm run -s` starts runs as a process, through tsx as npm runs
 * it, on a success, a usage error and a command that reports on stderr as it
 * goes: the exit code, stdout and stderr must be exactly what the in-process
 * run gives. The database commands run on a real database file that DATABASE_URL
 * names, as they would be started; the cases only read it.
 */
type Entry = {
  name: string;
  script: string;
  cases: Record<string, string[]>;
} & ({ command: Command } | { asyncCommand: AsyncCommand });

const database = createTestDatabase();

const problemDir = writeContentDir({
  "notes/n.md": "---\nid: n\ntitle: {zh: 标题, en: Title}\n---\n:::zh\n```claim\nin: FIN_WAIT_1\non: rcv FIN\nthen: FIN_WAIT_2\n```\n:::\n",
});

const ENTRIES: Entry[] = [
  {
    name: "tcp",
    script: "lib/cli/tcp.ts",
    command: tcpCommand,
    cases: {
      step: ["step", "SYN_RCVD", "rcv ACK", "--json"],
      usageError: ["table", "--jsn"],
      unreadableCapture: ["capture", "content/captures/no-such.pcap"],
    },
  },
  {
    name: "questions",
    script: "lib/cli/questions.ts",
    command: questionsCommand,
    cases: { zh: ["--count", "3", "--seed", "2", "--lang", "zh"], usageError: ["--kind", "essay"] },
  },
  {
    name: "content:check",
    script: "lib/cli/content-check.ts",
    command: contentCheckCommand,
    cases: { project: [], problems: ["--dir", problemDir], usageError: ["--folder", "x"] },
  },
  {
    name: "export",
    script: "lib/cli/export.ts",
    command: exportCommand,
    cases: { gift: ["gift", "--quiz", "handshake-basics", "--seed", "5"], usageError: ["csv"] },
  },
  {
    name: "import",
    script: "lib/cli/import.ts",
    command: importCommand,
    // every-type.gift has questions SynAck cannot take: each is a file:line note on stderr beside the quiz on stdout.
    cases: { fixture: ["gift", "test/interchange/fixtures/every-type.gift", "--quiz-id", "every-type"], usageError: ["gift"] },
  },
  {
    name: "db",
    script: "lib/cli/db.ts",
    asyncCommand: dbCommand,
    cases: { check: ["check"], usageError: ["backup"] },
  },
  {
    name: "instructor",
    script: "lib/cli/instructor.ts",
    asyncCommand: instructorCommand,
    cases: { list: ["list", "--json"], usageError: ["add"], noAccount: ["reset-password", "nobody@school.edu"] },
  },
];

function inProcess(entry: Entry, args: string[]): Promise<CliResult> | CliResult {
  if ("command" in entry) return runInProcess(entry.name, entry.command, args);
  return runAsyncInProcess(entry.name, entry.asyncCommand, args, { DATABASE_URL: database.url });
}

const runs = ENTRIES.flatMap((entry) => Object.entries(entry.cases).map(([label, args]) => ({ entry, label, args })));
const processResults = new Map<string, CliResult>();
const key = (entry: Entry, label: string) => `${entry.name} ${label}`;

/** runScript passes this process's environment on to the child: DATABASE_URL names the test database while each starts. */
function withDatabaseUrl<T>(start: () => T): T {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  try {
    return start();
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

// Bounded: at most MAX_PROCESSES tsx processes at a time (the suite must pass on a busy 2-core machine).
beforeAll(async () => {
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const { entry, label, args } = runs[next++]!;
      processResults.set(key(entry, label), await withDatabaseUrl(() => runScript(entry.script, args)));
    }
  };
  await Promise.all(Array.from({ length: MAX_PROCESSES }, worker));
});

afterAll(async () => {
  await database.db.$disconnect();
});

describe.each(ENTRIES)("npm run -s $name, as a process", (entry) => {
  it.each(Object.entries(entry.cases))("%s %j: the exit code, stdout and stderr of the in-process run", async (label, args) => {
    const asProcess = processResults.get(key(entry, label))!;
    expect(asProcess).toEqual(await inProcess(entry, args));
  });

  it("the cases can tell a miswired entry apart: one succeeds with output, one is a usage error", () => {
    const results = Object.keys(entry.cases).map((label) => processResults.get(key(entry, label))!);
    expect(results.some((result) => result.code === 0 && result.stdout.length > 0)).toBe(true);
    expect(results.some((result) => result.code === 2)).toBe(true);
    expect(results.every((result) => result.code === 0 || result.stderr.length > 0)).toBe(true);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { allOutcomes, LINUX_PROFILE, PROFILES, TCP_EVENTS, TCP_STATES } from "@/lib/tcp";
import { runScenario, SCENARIOS } from "@/lib/sim";
import { runAll, type CliResult } from "./run-tcp";

/*
 * `npm run -s tcp`, run in-process as its entry runs it (test/cli/run-in-process.ts;
 * test/cli/entry-points.test.ts runs the entry as a process). Every command runs
 * once before the tests; each test reads its command's exit code, stdout and stderr.
 */
const COMMANDS = {
  tableJson: ["table", "--json"],
  tableText: ["table"],
  stepJson: ["step", "SYN_RCVD", "rcv ACK", "--json"],
  stepText: ["step", "fin-wait-1", "RCV fin,ack"],
  scenarios: ["scenarios"],
  openJson: ["scenario", "open", "--isn-client", "1000", "--isn-server", "5000", "--json"],
  openLose2: ["scenario", "open", "--isn-client", "1000", "--isn-server", "5000", "--lose", "2", "--json"],
  diagram: ["scenario", "lost-syn-ack"],
  help: ["help"],
  badState: ["step", "SYN_RCVDX", "rcv ACK"],
  badEvent: ["step", "LISTEN", "rcv PSH"],
  badScenario: ["scenario", "four-way-open"],
  badFlag: ["table", "--jsn"],
  missingArgument: ["step", "LISTEN"],
  loseNotNumber: ["scenario", "open", "--lose", "two"],
  tableLinuxJson: ["table", "--profile", "linux", "--json"],
  stepLinuxJson: ["step", "ESTAB", "abort", "--profile", "linux", "--json"],
  stepCasesText: ["step", "SYN_RCVD", "rcv RST"],
  stepCasesJson: ["step", "TIME-WAIT", "rcv SYN", "--json"],
  closeLinuxJson: ["scenario", "close-client-first", "--profile", "linux", "--json"],
  badProfile: ["table", "--profile", "bsd"],
  profileOnScenarios: ["scenarios", "--profile", "linux"],
  queueFullJson: ["scenario", "accept-queue-full", "--profile", "linux", "--json"],
  queueRoomyJson: ["scenario", "accept-queue-full", "--profile", "linux", "--backlog", "5", "--json"],
  linuxDiagram: ["scenario", "abort", "--profile", "linux"],
  badBacklog: ["scenario", "open", "--backlog=-1"],
  captureWithBacklog: ["capture", "content/captures/raw-ip.pcap", "--backlog", "5"],
  captureMissingFile: ["capture", "content/captures/no-such.pcap"],
} as const;

type Command = keyof typeof COMMANDS;
let results: Record<Command, CliResult>;

beforeAll(() => {
  results = runAll(COMMANDS);
});

const ok = (name: Command) => {
  const result = results[name];
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
  return result.stdout;
};

describe("tcp table", () => {
  it("--json is an array of 132 outcomes, each {from, event, to, sends, note, rfc, kind}, and `cases` where a row has two", () => {
    const table = JSON.parse(ok("tableJson")) as Record<string, unknown>[];
    expect(table).toHaveLength(132);
    expect(table.filter((row) => "cases" in row).map((row) => `${row.from}|${row.event}`)).toEqual(["SYN_RECEIVED|rcv RST", "TIME_WAIT|rcv SYN"]);
    for (const row of table) {
      const { cases: _cases, ...plain } = row;
      expect(Object.keys(plain).sort()).toEqual(["event", "from", "kind", "note", "rfc", "sends", "to"]);
      expect(TCP_STATES).toContain(row.from);
      expect(TCP_STATES).toContain(row.to);
      expect(TCP_EVENTS).toContain(row.event);
      expect(row.sends === null || typeof row.sends === "string").toBe(true);
      expect(typeof row.note).toBe("string");
      expect(row.rfc).toMatch(/^3(\.\d+)+$/);
    }
  });

  it("--json is the machine's table, row for row", () => {
    const table = JSON.parse(ok("tableJson")) as Record<string, unknown>[];
    const expected = allOutcomes().map(({ from, event, to, sends, note, rfc, kind }) => ({ from, event, to, sends, note, rfc, kind }));
    expect(table.map(({ cases: _cases, ...plain }) => plain)).toEqual(expected);
  });

  it("without --json, one readable entry per outcome", () => {
    const text = ok("tableText");
    expect(text).toContain("ESTABLISHED + close → FIN_WAIT_1, sends FIN+ACK");
    expect(text).toContain("LISTEN + rcv RST → LISTEN, sends nothing");
    // 130 rows with one case, and two rows (SYN_RECEIVED + rcv RST, TIME_WAIT + rcv SYN) with two.
    expect(text.match(/ → /g)).toHaveLength(134);
    expect(text.match(/, in 2 cases:/g)).toHaveLength(2);
  });
});

describe("tcp step", () => {
  it('step SYN_RCVD "rcv ACK" --json gives the SYN_RECEIVED outcome', () => {
    expect(JSON.parse(ok("stepJson"))).toEqual({
      from: "SYN_RECEIVED",
      event: "rcv ACK",
      to: "ESTABLISHED",
      sends: null,
      note: expect.any(String),
      rfc: "3.10.7.4",
      kind: "arrow",
    });
  });

  it("accepts ss-style states and loose event spellings, and prints the outcome with its RFC section", () => {
    const text = ok("stepText");
    expect(text).toContain("FIN_WAIT_1 + rcv FIN+ACK → TIME_WAIT, sends ACK");
    expect(text).toContain("RFC 9293 §3.10.7.4");
  });
});

describe("--profile", () => {
  it("table --profile linux --json is Linux's table: every row names the profile, and the rows that differ cite the kernel", () => {
    const table = JSON.parse(ok("tableLinuxJson")) as Record<string, unknown>[];
    expect(table).toHaveLength(132);
    const linux = allOutcomes(LINUX_PROFILE.machine);
    expect(table.map((row) => [row.from, row.event, row.to, row.sends])).toEqual(linux.map((o) => [o.from, o.event, o.to, o.sends]));
    for (const row of table) expect(row.profile).toBe("linux");
    const cited = table.filter((row) => row.kernel).map((row) => `${row.from}|${row.event}`);
    expect(cited).toEqual(linux.filter((o) => o.kernel).map((o) => `${o.from}|${o.event}`));
    expect(cited).toContain("TIME_WAIT|timeout");
    for (const row of table) if (row.kernel) expect(row.kernel).toMatch(/^(net|include)\/[\w/]+\.[ch]: \w+/);
  });

  it("step ESTAB abort --profile linux --json: RST+ACK, cited to tcp_send_active_reset", () => {
    expect(JSON.parse(ok("stepLinuxJson"))).toMatchObject({
      from: "ESTABLISHED",
      event: "abort",
      to: "CLOSED",
      sends: "RST+ACK",
      profile: "linux",
      kernel: expect.stringContaining("tcp_send_active_reset"),
    });
  });

  it("step on a row with two cases prints both: SYN_RECEIVED + rcv RST after a passive and after a simultaneous open", () => {
    const text = ok("stepCasesText");
    expect(text).toContain("SYN_RECEIVED + rcv RST, in 2 cases:");
    expect(text).toMatch(/after a passive open \(from LISTEN\): SYN_RECEIVED \+ rcv RST → LISTEN, sends nothing/);
    expect(text).toMatch(/after a simultaneous open \(from SYN_SENT\): SYN_RECEIVED \+ rcv RST → CLOSED, sends nothing, error connection refused/);
  });

  it("step TIME-WAIT 'rcv SYN' --json lists the challenge ACK and the reopening by a newer SYN", () => {
    const step = JSON.parse(ok("stepCasesJson"));
    expect(Object.keys(step)).not.toContain("profile");
    expect(step.cases).toEqual([
      expect.objectContaining({ when: "a SYN at or below RCV.NXT", to: "TIME_WAIT", sends: "ACK", rfc: "3.10.7.4" }),
      expect.objectContaining({ when: "a SYN above RCV.NXT (or with a newer timestamp)", to: "SYN_RECEIVED", sends: "SYN+ACK", rfc: "3.6.1" }),
    ]);
  });

  it("scenario close-client-first --profile linux --json: the trace says linux, and TIME_WAIT lasts 60 s", () => {
    const trace = JSON.parse(ok("closeLinuxJson"));
    expect(trace.profile).toBe("linux");
    const entered = trace.steps.find((step: { client: string }) => step.client === "TIME_WAIT");
    const left = trace.steps.find((step: { t: number; client: string }) => step.t > entered.t && step.client === "CLOSED");
    expect(left.t - entered.t).toBe(PROFILES.linux.timers.timeWait);
    expect(left.t - entered.t).toBe(60_000);
  });
});

describe("--backlog", () => {
  it("a full accept queue drops the final ACK under Linux; a backlog with room lets the connection complete at once", () => {
    const overflows = (name: Command) => JSON.parse(ok(name)).steps.filter((step: { event: string }) => step.event === "listen overflow").length;
    expect(overflows("queueFullJson")).toBeGreaterThan(0);
    expect(overflows("queueRoomyJson")).toBe(0);
    const established = JSON.parse(ok("queueRoomyJson")).steps.find((step: { server: string }) => step.server === "ESTABLISHED");
    expect(established.t).toBe(150);
  });

  it("the diagram's title names the profile", () => {
    expect(ok("linuxDiagram").split("\n")[0]).toContain("(profile linux;");
    expect(ok("diagram").split("\n")[0]).toContain("(profile rfc9293;");
  });
});

describe("tcp scenarios", () => {
  it("prints one line per scenario: its name, then its description", () => {
    const lines = ok("scenarios").trimEnd().split("\n");
    expect(lines).toHaveLength(SCENARIOS.length);
    SCENARIOS.forEach((scenario, i) => {
      expect(lines[i]).toMatch(new RegExp(`^${scenario.name}\\s+`));
      expect(lines[i]).toContain(scenario.description.en);
    });
  });
});

describe("tcp scenario", () => {
  it("open --isn-client 1000 --isn-server 5000 --json: the handshake's steps and numbers", () => {
    const trace = JSON.parse(ok("openJson"));
    expect(trace).toMatchObject({ scenario: "open", isn: { client: 1000, server: 5000 } });
    expect(trace.steps).toEqual([
      {
        t: 0,
        event: "active open",
        at: "client",
        segment: { n: 1, from: "client", flags: "SYN", seq: 1000, ack: null, len: 0 },
        client: "SYN_SENT",
        server: "LISTEN",
        note: expect.any(String),
        rfc: "3.10.1",
      },
      {
        t: 50,
        event: "rcv SYN",
        at: "server",
        segment: { n: 2, from: "server", flags: "SYN+ACK", seq: 5000, ack: 1001, len: 0 },
        received: 1,
        client: "SYN_SENT",
        server: "SYN_RECEIVED",
        note: expect.any(String),
        rfc: "3.10.7.2",
      },
      {
        t: 100,
        event: "rcv SYN+ACK",
        at: "client",
        segment: { n: 3, from: "client", flags: "ACK", seq: 1001, ack: 5001, len: 0 },
        received: 2,
        client: "ESTABLISHED",
        server: "SYN_RECEIVED",
        note: expect.any(String),
        rfc: "3.10.7.3",
      },
      {
        t: 150,
        event: "rcv ACK",
        at: "server",
        segment: null,
        received: 3,
        client: "ESTABLISHED",
        server: "ESTABLISHED",
        note: expect.any(String),
        rfc: "3.10.7.4",
      },
    ]);
  });

  it("--json is the simulator's trace, unchanged", () => {
    const trace = JSON.parse(ok("openJson"));
    expect(trace).toEqual(JSON.parse(JSON.stringify(runScenario("open", { isn: { client: 1000, server: 5000 } }))));
  });

  it("--lose 2 drops the second segment (the SYN+ACK), and the handshake recovers", () => {
    const trace = JSON.parse(ok("openLose2"));
    const lost = trace.steps.filter((step: { event: string }) => step.event === "lost");
    expect(lost).toEqual([expect.objectContaining({ at: "network", lost: 2, segment: null })]);
    const segments = trace.steps.flatMap((step: { segment: unknown }) => (step.segment ? [step.segment] : []));
    expect(segments[1]).toEqual({ n: 2, from: "server", flags: "SYN+ACK", seq: 5000, ack: 1001, len: 0 });
    expect(trace.steps.at(-1)).toMatchObject({ client: "ESTABLISHED", server: "ESTABLISHED" });
    expect(trace.steps.some((step: { received?: number }) => step.received === 2)).toBe(false);
  });

  it("without --json: a diagram with the states, the segment labels and the losses", () => {
    const text = ok("diagram");
    expect(text.split("\n")[0]).toContain("lost-syn-ack");
    for (const state of ["CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"]) expect(text).toContain(state);
    expect(text).toContain("#1 SYN seq=100");
    expect(text).toContain("#2 SYN+ACK seq=300 ack=101");
    expect(text).toContain("#6 ACK seq=101 ack=301");
    expect(text).toContain("✗ #2 lost");
    expect(text).toMatch(/─▶/);
    expect(text).toMatch(/◀─/);
    expect(text).not.toMatch(/^\s*[[{]/);
  });
});

describe("tcp help", () => {
  it("prints the usage and exits 0", () => {
    const text = ok("help");
    expect(text).toMatch(/^usage: npm run -s tcp -- <command>/);
    for (const command of ["table", "step", "scenarios", "scenario", "capture"]) expect(text).toContain(`  ${command} `);
  });
});

describe("usage errors: exit code 2, one line on stderr naming the valid choices, nothing on stdout, no stack trace", () => {
  const cases: [Command, string, (string | RegExp)[]][] = [
    ["badState", "an unknown state", ['unknown state "SYN_RCVDX"', ...TCP_STATES]],
    ["badEvent", "an unknown event", ['unknown event "rcv PSH"', ...TCP_EVENTS]],
    ["badScenario", "an unknown scenario", ['unknown scenario "four-way-open"', ...SCENARIOS.map((s) => s.name)]],
    ["badFlag", "an unknown flag", ["unknown flag --jsn", "--json"]],
    ["missingArgument", "a missing argument", ['"step" takes 2 arguments', 'step <STATE> "<event>"']],
    ["loseNotNumber", "a --lose that is not a number", ["--lose", /number/]],
    ["badProfile", "an unknown profile", ['unknown profile "bsd"', "rfc9293", "linux"]],
    ["profileOnScenarios", "--profile where it does not apply", ['--profile does not apply to "scenarios"']],
    ["badBacklog", "a negative --backlog", ["--backlog is at least 0"]],
    ["captureWithBacklog", "a scenario's flag on capture", ['--backlog does not apply to "capture"', "--connection"]],
    ["captureMissingFile", "a capture file that is not there (more in capture-cli.test.ts)", ["capture content/captures/no-such.pcap: no such file"]],
  ];

  it.each(cases)("%s: %s", (name, _what, mentions) => {
    const { code, stdout, stderr } = results[name];
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^tcp: /);
    expect(stderr).not.toMatch(/\bat .*:\d+/);
    expect(stderr).not.toMatch(/internal error|Error:/);
    for (const mention of mentions) expect(stderr).toMatch(mention);
  });
});

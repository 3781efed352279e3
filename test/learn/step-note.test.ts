import { describe, expect, it } from "vitest";
import { statesBefore, stepNote } from "@/lib/learn/step-note";
import { runScenario, SCENARIOS, simulate, type SimulationSetup } from "@/lib/sim";
import { PROFILE_NAMES, type ProfileName } from "@/lib/tcp";
import { NOTES_ZH, NOTES_ZH_CASES } from "@/lib/tcp/notes-zh";

const CJK = /[\u4e00-\u9fff]/;
const LOSSES = [[], [1], [2], [3], [1, 2], [2, 4]];

/** Every scenario under every profile, with a few losses added: enough to reach retransmissions, resets and unacceptable segments. */
const runs = PROFILE_NAMES.flatMap((profile) =>
  SCENARIOS.flatMap((scenario) => LOSSES.map((lose) => ({ name: scenario.name, profile, lose, trace: runScenario(scenario.name, { lose, profile }) }))),
);

/** Both ends ESTABLISHED, the client closes first; `calls` and `how` add to it. */
function afterClientClose(profile: ProfileName, extra: Partial<SimulationSetup> = {}, how: "close()" | "shutdown()" = "close()") {
  return simulate({
    name: "test",
    profile,
    initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
    isn: { client: 100, server: 300 },
    ...extra,
    calls: [{ at: 0, side: "client", call: "close", how }, ...(extra.calls ?? [])],
  });
}

function zhOf(trace: ReturnType<typeof simulate>, event: string): string {
  const index = trace.steps.findIndex((step) => step.event === event);
  expect(index, `no ${event} step`).toBeGreaterThanOrEqual(0);
  return stepNote(trace, index, "zh");
}

describe("stepNote", () => {
  it("is the simulator's own note in English", () => {
    const trace = runScenario("open");
    trace.steps.forEach((step, index) => expect(stepNote(trace, index, "en")).toBe(step.note));
  });

  it("takes the Chinese of a machine step from the table's notes", () => {
    const trace = runScenario("open");
    expect(stepNote(trace, 1, "zh")).toBe(NOTES_ZH["LISTEN|rcv SYN"]);
  });

  it("renders the simulator's own notes in Chinese, numbers kept", () => {
    const trace = runScenario("lost-fin");
    const lost = trace.steps.findIndex((step) => step.event === "lost");
    expect(stepNote(trace, lost, "zh")).toBe("第 1 个报文段（FIN+ACK）在网络中丢失。");
  });

  it("builds a sentence for a counterfactual machine's step", () => {
    const trace = runScenario("no-time-wait");
    const index = trace.steps.findIndex((step) => step.at === "client" && step.event === "rcv FIN+ACK");
    expect(stepNote(trace, index, "zh")).toBe("假想的机器：客户端在 FIN_WAIT_2 收到 FIN+ACK，进入 CLOSED，发送 ACK。");
  });

  it("takes a Linux row's Chinese from its own note, not RFC 9293's", () => {
    const trace = runScenario("close-client-first", { profile: "linux" });
    expect(zhOf(trace, "timeout")).toBe(NOTES_ZH_CASES["linux|TIME_WAIT|timeout"]);
    expect(zhOf(runScenario("abort", { profile: "linux" }), "abort")).toBe(NOTES_ZH_CASES["linux|ESTABLISHED|abort"]);
  });

  it.each(PROFILE_NAMES)("takes the newer-SYN case of TIME_WAIT + rcv SYN from that case's note (%s)", (profile) => {
    const trace = runScenario("syn-to-time-wait-newer", { profile });
    const index = trace.steps.findIndex((step) => step.variant === "newer SYN");
    expect(index).toBeGreaterThan(0);
    const key = profile === "linux" ? "linux|TIME_WAIT|rcv SYN|newer SYN" : "TIME_WAIT|rcv SYN|newer SYN";
    expect(stepNote(trace, index, "zh")).toBe(NOTES_ZH_CASES[key]);
  });

  it("renders Linux's reset on data after close() in Chinese, the byte count kept", () => {
    const trace = afterClientClose("linux", { calls: [{ at: 200, side: "server", call: "send", bytes: 100 }] });
    expect(zhOf(trace, "rcv data after close")).toBe(
      "应用程序调用 close() 之后又到达 100 字节新数据：再也没有人会读取它们，所以套接字被重置，并回复 <SEQ=SEG.ACK><CTL=RST>（RFC 1122 4.2.2.13；Linux 将其计入 TCPAbortOnData）。",
    );
  });

  it("keeps the table's note for a shutdown(SHUT_WR) and says it still reads", () => {
    const trace = afterClientClose("linux", {}, "shutdown()");
    expect(zhOf(trace, "close")).toBe(`${NOTES_ZH["ESTABLISHED|close"]}（应用程序调用的是 shutdown(SHUT_WR)，不是 close()，所以仍会读取数据。）`);
  });

  it.each(runs.map((run) => [`${run.name} (${run.profile})${run.lose.length ? ` lose ${run.lose.join(",")}` : ""}`, run.trace] as const))(
    "has a Chinese note for every step of %s",
    (_, trace) => {
      trace.steps.forEach((step, index) => {
        const note = stepNote(trace, index, "zh");
        expect(note, `step ${index} (${step.event}): ${step.note}`).toMatch(CJK);
        // No English sentence left untranslated (quoted error strings and RFC notation may stay).
        const outsideQuotes = note.replace(/"[^"]*"|<[^>]*>/g, "");
        expect(outsideQuotes, `step ${index}: ${note}`).not.toMatch(/\b[a-z]{3,} [a-z]{2,} [a-z]{3,}\b/);
      });
    },
  );

  it("is empty for a step that does not exist", () => {
    expect(stepNote(runScenario("open"), 99, "zh")).toBe("");
  });
});

describe("statesBefore", () => {
  it("is the initial states before the first step, then the states after the previous one", () => {
    const trace = runScenario("open");
    expect(statesBefore(trace, 0)).toEqual({ client: "CLOSED", server: "LISTEN" });
    expect(statesBefore(trace, 1)).toEqual({ client: "SYN_SENT", server: "LISTEN" });
  });
});

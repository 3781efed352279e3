import { describe, expect, it } from "vitest";
import { statesBefore, stepNote } from "@/lib/learn/step-note";
import { stateEventRows } from "@/lib/learn/state-events";
import { runScenario, SCENARIOS } from "@/lib/sim";
import { TCP_EVENTS, TCP_STATES } from "@/lib/tcp";
import { NOTES_ZH } from "@/lib/tcp/notes-zh";

const CJK = /[\u4e00-\u9fff]/;
const LOSSES = [[], [1], [2], [3], [1, 2], [2, 4]];

/** Every scenario with a few losses added: enough to reach retransmissions, resets and unacceptable segments. */
const runs = SCENARIOS.flatMap((scenario) => LOSSES.map((lose) => ({ name: scenario.name, lose, trace: runScenario(scenario.name, { lose }) })));

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

  it.each(runs.map((run) => [`${run.name}${run.lose.length ? ` lose ${run.lose.join(",")}` : ""}`, run.trace] as const))(
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

describe("stateEventRows", () => {
  it.each(["zh", "en"] as const)("lists all 12 events for each of the 11 states (%s)", (lang) => {
    const rows = stateEventRows(lang);
    for (const state of TCP_STATES) expect(rows[state].map((row) => row.event)).toEqual([...TCP_EVENTS]);
  });

  it("gives notes in the language asked for, and the active-open variant where the table has one", () => {
    const zh = stateEventRows("zh");
    expect(zh.FIN_WAIT_1.find((row) => row.event === "rcv FIN")).toMatchObject({ label: "收到 FIN", to: "CLOSING", sends: "ACK", kind: "arrow" });
    expect(zh.FIN_WAIT_1.every((row) => CJK.test(row.note))).toBe(true);
    const reset = stateEventRows("en").SYN_RECEIVED.find((row) => row.event === "rcv RST");
    expect(reset).toMatchObject({ to: "LISTEN", activeOpen: { to: "CLOSED" } });
  });
});

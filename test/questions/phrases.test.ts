import { describe, expect, it } from "vitest";
import { eventPhrase, scenarioName, TRACE_EVENTS_ZH } from "@/lib/questions/phrases";
import { SCENARIO_NAMES, SIM_EVENTS } from "@/lib/sim";
import { TCP_EVENTS, TCP_STATES } from "@/lib/tcp";

describe("phrases", () => {
  it("name every event of a trace in Chinese", () => {
    for (const event of [...TCP_EVENTS, ...SIM_EVENTS]) expect(TRACE_EVENTS_ZH[event], event).toMatch(/[\u4e00-\u9fff]/);
  });

  it("give every scenario a name of its own in both languages", () => {
    for (const name of SCENARIO_NAMES) {
      const label = scenarioName(name);
      expect(label.en, name).not.toBe(name);
      expect(label.zh, name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("cite RFC 9293's own figure numbers (Figure 7 simultaneous open, Figure 8 old duplicate SYN)", () => {
    expect(scenarioName("simultaneous-open").en).toContain("Figure 7");
    expect(scenarioName("old-duplicate-syn").en).toContain("Figure 8");
    expect(scenarioName("old-duplicate-syn").zh).toContain("图 8");
  });

  it("never promise connect() or send() on a listening socket: those calls are RFC 9293's abstract interface only", () => {
    for (const event of ["active open", "send"] as const) {
      const phrase = eventPhrase(event, "LISTEN");
      expect(phrase.en).toContain("the RFC's abstract interface");
      expect(phrase.zh).toContain("RFC 的抽象接口");
    }
  });

  it("say an ACK acknowledges our FIN only where a FIN of ours is out and unacknowledged", () => {
    for (const state of TCP_STATES) {
      const phrase = eventPhrase("rcv ACK", state).en;
      const finOut = ["FIN_WAIT_1", "CLOSING", "LAST_ACK"].includes(state);
      expect(/of our FIN/.test(phrase), `${state}: ${phrase}`).toBe(finOut);
    }
  });

  it('write "an ACK" and "an RST", "a FIN" and "a SYN+ACK"', () => {
    expect(eventPhrase("rcv ACK", "CLOSED").en).toBe("an ACK segment arrives");
    expect(eventPhrase("rcv RST", "LISTEN").en).toBe("an RST segment arrives");
    expect(eventPhrase("rcv FIN", "LISTEN").en).toBe("a FIN segment arrives");
    expect(eventPhrase("rcv SYN+ACK", "CLOSED").en).toBe("a SYN+ACK segment arrives");
  });
});

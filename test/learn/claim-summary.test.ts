import { describe, expect, it } from "vitest";
import { describeClaimBlock, parseClaimSource, summarizeClaim } from "@/lib/learn/claim-summary";
import { arrowLabel, eventLabel } from "@/lib/learn/event-labels";

const block = (lines: string[]) => lines.join("\n");

describe("summarizeClaim", () => {
  describe("a transition claim", () => {
    const claim = { in: "FIN_WAIT_1", on: "rcv FIN", then: "CLOSING", sends: "ACK" };

    it("reads as state + event → state, sends flags", () => {
      expect(summarizeClaim(claim, "en")).toBe("FIN_WAIT_1 + rcv FIN → CLOSING, sends ACK");
      expect(summarizeClaim(claim, "zh")).toBe("FIN_WAIT_1 + 收到 FIN → CLOSING，发送 ACK");
    });

    it("writes aliases, event spellings and flag orders the canonical way", () => {
      expect(summarizeClaim({ in: "SYN_RCVD", on: "RCV ack", then: "ESTAB" }, "en")).toBe("SYN_RECEIVED + rcv ACK → ESTABLISHED");
      expect(summarizeClaim({ in: "ESTABLISHED", on: "close", then: "FIN-WAIT-1", sends: "ack+fin" }, "en")).toBe(
        "ESTABLISHED + close → FIN_WAIT_1, sends FIN+ACK",
      );
    });

    it('says "sends nothing" for nothing, none and null', () => {
      for (const sends of ["nothing", "none", null]) {
        expect(summarizeClaim({ in: "CLOSING", on: "rcv ACK", then: "TIME_WAIT", sends }, "en")).toBe("CLOSING + rcv ACK → TIME_WAIT, sends nothing");
      }
      expect(summarizeClaim({ in: "CLOSING", on: "rcv ACK", then: "TIME_WAIT", sends: "nothing" }, "zh")).toBe("CLOSING + 收到 ACK → TIME_WAIT，不发送报文段");
    });

    it("names the 2MSL timer of TIME_WAIT", () => {
      expect(summarizeClaim({ in: "TIME_WAIT", on: "timeout", then: "CLOSED" }, "zh")).toBe("TIME_WAIT + 2MSL 超时 → CLOSED");
    });
  });

  describe("a segments claim", () => {
    it("lists the flags of the segments after the scenario's name", () => {
      const claim = { scenario: "open", segments: [{ flags: "SYN" }, { flags: "SYN+ACK" }, { flags: "ACK" }] };
      expect(summarizeClaim(claim, "en")).toBe("open: SYN, SYN+ACK, ACK");
      expect(summarizeClaim(claim, "zh")).toBe("open：SYN、SYN+ACK、ACK");
    });

    it("says which segments are lost, and marks entries without flags", () => {
      const claim = { scenario: "close-client-first", lose: [2, 3], segments: [{ flags: "fin+ack" }, { from: "server", seq: "v" }] };
      expect(summarizeClaim(claim, "en")).toBe("close-client-first (segments 2, 3 lost): FIN+ACK, …");
      expect(summarizeClaim({ ...claim, lose: [2] }, "zh")).toBe("close-client-first（第 2 个报文段丢失）：FIN+ACK、…");
    });
  });

  describe("a states claim", () => {
    it("gives each side's states in order", () => {
      const claim = {
        scenario: "simultaneous-close",
        states: { client: ["ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"], server: ["ESTAB", "FIN-WAIT-1"] },
      };
      expect(summarizeClaim(claim, "en")).toBe(
        "simultaneous-close — client: ESTABLISHED → FIN_WAIT_1 → CLOSING → TIME_WAIT → CLOSED; server: ESTABLISHED → FIN_WAIT_1",
      );
      expect(summarizeClaim({ scenario: "open", states: { server: ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"] } }, "zh")).toBe(
        "open — 服务器：LISTEN → SYN_RECEIVED → ESTABLISHED",
      );
    });
  });

  it.each([
    ["not a mapping", ["in", "on"]],
    ["no known shape", { scenario: "open" }],
    ["a transition with a list for a state", { in: ["CLOSED"], on: "close", then: "CLOSED" }],
    ["states that are not a list", { scenario: "open", states: { client: "CLOSED" } }],
    ["segments that are not a list", { scenario: "open", segments: "SYN" }],
  ])("is null for %s", (_, claim) => {
    expect(summarizeClaim(claim, "en")).toBeNull();
  });
});

describe("describeClaimBlock", () => {
  it("checks the claim against the machine and offers the scenario player for scenario claims", () => {
    const source = block(["scenario: close-client-first", "lose: [2]", "states:", "  client: [ESTABLISHED, FIN_WAIT_1, TIME_WAIT, CLOSED]"]);
    expect(describeClaimBlock(source, "en")).toEqual({
      kind: "checked",
      summary: "close-client-first (segment 2 lost) — client: ESTABLISHED → FIN_WAIT_1 → TIME_WAIT → CLOSED",
      scenario: { name: "close-client-first", lose: [2] },
    });
  });

  it("has no scenario for a transition claim", () => {
    expect(describeClaimBlock(block(["in: LISTEN", "on: rcv SYN", "then: SYN_RECEIVED", "sends: SYN+ACK"]), "zh")).toEqual({
      kind: "checked",
      summary: "LISTEN + 收到 SYN → SYN_RECEIVED，发送 SYN+ACK",
    });
  });

  it.each([
    ["YAML that does not parse", "in: [FIN_WAIT_1\non: rcv FIN"],
    ["an empty block", ""],
    ["a claim the machine contradicts", block(["in: FIN_WAIT_1", "on: rcv FIN", "then: TIME_WAIT"])],
    ["a claim with an unknown state", block(["in: FIN_WAIT_3", "on: rcv FIN", "then: CLOSING"])],
    ["a claim about an unknown scenario", block(["scenario: nope", "segments:", "  - {flags: SYN}"])],
    ["a mapping of no claim shape", "hello: world"],
    ["a scalar", "just text"],
  ])("shows %s as code", (_, source) => {
    expect(describeClaimBlock(source, "en")).toEqual({ kind: "code" });
  });
});

describe("parseClaimSource", () => {
  it("returns the YAML as data, and undefined when it has errors", () => {
    expect(parseClaimSource("in: CLOSED\non: passive open")).toEqual({ in: "CLOSED", on: "passive open" });
    expect(parseClaimSource("a: [1, 2")).toBeUndefined();
    expect(parseClaimSource("a: 1\na: 2")).toBeUndefined();
  });
});

describe("event labels", () => {
  it('write "event / action", a dash when nothing is sent', () => {
    expect(arrowLabel("rcv SYN", "SYN+ACK", "en")).toBe("rcv SYN / snd SYN+ACK");
    expect(arrowLabel("rcv SYN", "SYN+ACK", "zh")).toBe("收到 SYN / 发送 SYN+ACK");
    expect(arrowLabel("close", null, "en")).toBe("close / —");
    expect(arrowLabel("passive open", null, "zh")).toBe("被动打开 / —");
  });

  it("name the timer by the state it runs in", () => {
    expect(eventLabel("timeout", "en", "TIME_WAIT")).toBe("2MSL timeout");
    expect(eventLabel("timeout", "en", "SYN_SENT")).toBe("timeout");
    expect(eventLabel("timeout", "zh", "SYN_SENT")).toBe("超时");
  });
});

import { describe, expect, it } from "vitest";
import { compareTraces } from "@/lib/learn/trace-comparison";
import { runScenario } from "@/lib/sim";

const both = (name: string) => compareTraces(runScenario(name, { profile: "linux" }), runScenario(name));

describe("compareTraces", () => {
  it("finds a handshake the same under both profiles", () => {
    expect(both("open")).toBe("same");
  });

  it("finds the same close at other times: TIME_WAIT is 60 s on Linux", () => {
    expect(both("close-client-first")).toBe("timing");
  });

  it("finds other steps where Linux sends RST+ACK for an abort", () => {
    expect(both("abort")).toBe("steps");
  });
});

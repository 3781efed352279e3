import { describe, expect, it } from "vitest";
import { departsFromRfc, profileArrowLabel, profileEventLabel, profileOutcome } from "@/lib/learn/profile-arrows";
import { arrowLabel } from "@/lib/learn/event-labels";
import { diagramArrows } from "@/lib/tcp";

describe("Figure 5's arrows under a profile", () => {
  it("under RFC 9293 reads every arrow as the table labels it, none departing", () => {
    for (const arrow of diagramArrows()) {
      expect(departsFromRfc(arrow, "rfc9293")).toBe(false);
      expect(profileArrowLabel(arrow, "en", "rfc9293")).toBe(arrowLabel(arrow.event, arrow.sends, "en", arrow.from));
    }
  });

  it("under Linux marks the arrows whose rows cite the kernel", () => {
    const departing = diagramArrows()
      .filter((arrow) => departsFromRfc(arrow, "linux"))
      .map((arrow) => `${arrow.from} + ${arrow.event}`);
    // The arrows into TIME_WAIT start Linux's fixed 60 s timer, not 2MSL (tcp_time_wait).
    expect(departing).toEqual([
      "LISTEN + send",
      "SYN_RECEIVED + rcv RST",
      "FIN_WAIT_2 + rcv FIN",
      "FIN_WAIT_2 + rcv FIN+ACK",
      "CLOSING + rcv ACK",
      "TIME_WAIT + timeout",
    ]);
  });

  it.each([
    ["en", "send ✕ EPIPE", "60 s timeout / —"],
    ["zh", "调用 send ✕ EPIPE", "60 秒超时 / —"],
  ] as const)("says what Linux does instead (%s): a failing call, TIME_WAIT's real length", (lang, send, timeout) => {
    const arrows = diagramArrows();
    expect(profileArrowLabel(arrows.find((a) => a.from === "LISTEN" && a.event === "send")!, lang, "linux")).toBe(send);
    expect(profileArrowLabel(arrows.find((a) => a.from === "TIME_WAIT" && a.event === "timeout")!, lang, "linux")).toBe(timeout);
  });

  it("looks up a variant of a row", () => {
    expect(profileOutcome({ from: "SYN_RECEIVED", event: "rcv RST", variant: "active open" }, "linux")).toMatchObject({ to: "CLOSED", error: "ECONNRESET" });
    expect(profileOutcome({ from: "TIME_WAIT", event: "rcv SYN", variant: "newer SYN" }, "rfc9293")).toMatchObject({ to: "SYN_RECEIVED", sends: "SYN+ACK" });
  });
});

describe("profileEventLabel", () => {
  it("calls TIME_WAIT's timer 2MSL only where TIME_WAIT lasts 2 × MSL", () => {
    expect(profileEventLabel("timeout", "en", "TIME_WAIT", "rfc9293")).toBe("2MSL timeout");
    expect(profileEventLabel("timeout", "en", "TIME_WAIT", "linux")).toBe("60 s timeout");
    expect(profileEventLabel("timeout", "zh", "TIME_WAIT", "linux")).toBe("60 秒超时");
  });

  it("leaves every other event as the trace labels it", () => {
    expect(profileEventLabel("timeout", "zh", "FIN_WAIT_2", "linux")).toBe("超时");
    expect(profileEventLabel("rcv data after close", "zh", "FIN_WAIT_2", "linux")).toBe("close() 之后收到数据");
  });
});

import { describe, expect, it } from "vitest";
import { simulate, stateSequence } from "@/lib/sim";
import { relativeTo, segment as seg, setupOf, wire } from "./builders";

describe("regressions found by the property tests", () => {
  /*
   * A SEND in SYN_SENT or SYN_RECEIVED queues its data until ESTABLISHED. A
   * CLOSE in SYN_RECEIVED moves to FIN_WAIT_1 (the table's row), and the
   * simulator used to flush the queued data and then send the FIN in the same
   * step: it threw "server would send two segments in one step". The FIN now
   * carries the queued data.
   */
  it("close in SYN_RECEIVED with queued data sends one FIN that carries the data (was: two segments in one step)", () => {
    const isn = { client: 100, server: 300 };
    const { c, s } = relativeTo(isn);
    const setup = setupOf({
      initial: { client: "CLOSED", server: "LISTEN" },
      isn,
      calls: [
        { at: 0, side: "client", call: "active open" },
        // The listening server turns active: its SYN crosses the client's (simultaneous open), the 10 bytes wait.
        { at: 0, side: "server", call: "send", bytes: 10 },
        // Both are in SYN_RECEIVED from 50 ms.
        { at: 60, side: "server", call: "close" },
      ],
      reactions: [{ side: "client", onState: "CLOSE_WAIT", after: 0, call: "close" }],
    });

    const trace = simulate(setup);

    const close = trace.steps.find((step) => step.at === "server" && step.event === "close")!;
    expect(close).toMatchObject({ server: "FIN_WAIT_1" });
    expect(close.segment).toMatchObject(seg("server", "FIN+ACK", s(1), c(1), 10));
    // The FIN sits after the 10 bytes: the client acknowledges s(1) + 10 + 1.
    expect(wire(trace)).toContainEqual(seg("client", "ACK", c(1), s(12)));
    expect(trace.bytes).toEqual({ client: { sent: 0, delivered: 10 }, server: { sent: 10, delivered: 0 } });
    expect(stateSequence(trace, "server")).toEqual(["LISTEN", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"]);
    expect(stateSequence(trace, "client")).toEqual(["CLOSED", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"]);
  });

  it("a FIN that carries data and is lost is retransmitted with its data", () => {
    const isn = { client: 100, server: 300 };
    const { c, s } = relativeTo(isn);
    const trace = simulate(
      setupOf({
        initial: { client: "CLOSED", server: "LISTEN" },
        isn,
        calls: [
          { at: 0, side: "client", call: "active open" },
          { at: 0, side: "server", call: "send", bytes: 10 },
          { at: 60, side: "server", call: "close" },
        ],
        reactions: [{ side: "client", onState: "CLOSE_WAIT", after: 0, call: "close" }],
        network: { lose: [5] },
      }),
    );
    const fins = wire(trace).filter((segment) => segment.from === "server" && segment.flags === "FIN+ACK");
    expect(fins.length).toBeGreaterThanOrEqual(2);
    for (const fin of fins) expect(fin).toMatchObject({ seq: s(1), len: 10 });
    expect(fins[0]!.ack).toBe(c(1));
    expect(trace.bytes.client.delivered).toBe(10);
  });
});

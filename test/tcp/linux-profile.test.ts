import { describe, expect, it } from "vitest";
import { allOutcomes, LINUX_PROFILE, PROFILES, REFERENCE_MACHINE, rowVariants, transition, type Outcome, type ProfileName } from "@/lib/tcp";
import { runScenario, simulate, type SimulationSetup, type Trace } from "@/lib/sim";

/*
 * Each way the linux profile departs from RFC 9293, pinned to the kernel
 * source it cites and shown in the machine or the simulator. A difference
 * listed in the profile without a test here fails the first test.
 */

const KERNEL_CITATION = /^(net|include)\/[\w/.-]+\.[ch]: \w+/;

function linux(state: Parameters<typeof transition>[0], event: Parameters<typeof transition>[1], context = {}): Outcome {
  return transition(state, event, context, LINUX_PROFILE.machine);
}

/** Setups are written `as const` below; the simulator reads them without changing them. */
function run(profile: ProfileName, setup: object): Trace {
  return simulate({ name: "test", isn: { client: 100, server: 300 }, profile, ...(setup as Omit<SimulationSetup, "name" | "isn" | "profile">) });
}

/** When `side` first enters `state`, or undefined. */
function entered(trace: Trace, side: "client" | "server", state: string): number | undefined {
  return trace.steps.find((step) => step[side] === state)?.t;
}

function citationOf(id: string): string {
  const difference = LINUX_PROFILE.differences.find((d) => d.id === id);
  if (!difference) throw new Error(`no difference ${id}`);
  return difference.kernel;
}

const pinned: Record<string, () => void> = {
  "time-wait-60s": () => {
    expect(citationOf("time-wait-60s")).toContain("TCP_TIMEWAIT_LEN");
    for (const [profile, length] of [["linux", 60_000], ["rfc9293", 240_000]] as const) {
      const trace = runScenario("close-client-first", { profile });
      const start = entered(trace, "client", "TIME_WAIT")!;
      const end = trace.steps.find((step) => step.t > start && step.client === "CLOSED")!.t;
      expect(end - start, profile).toBe(length);
    }
    expect(linux("TIME_WAIT", "timeout").kernel).toContain("TCP_TIMEWAIT_LEN");
  },
  "fin-wait-2-timeout": () => {
    expect(citationOf("fin-wait-2-timeout")).toContain("tcp_time_wait");
    const peerNeverCloses = (how: "close()" | "shutdown()") =>
      ({ initial: { client: "ESTABLISHED", server: "ESTABLISHED" }, calls: [{ at: 0, side: "client", call: "close", how }] }) as const;
    const orphaned = run("linux", peerNeverCloses("close()"));
    expect(orphaned.steps.at(-1)).toMatchObject({ t: 100 + 60_000, event: "timeout", client: "CLOSED", kernel: expect.stringContaining("tcp_time_wait") });
    expect(run("linux", peerNeverCloses("shutdown()")).steps.at(-1)!.client).toBe("FIN_WAIT_2");
    expect(run("rfc9293", peerNeverCloses("close()")).steps.at(-1)!.client).toBe("FIN_WAIT_2");
  },
  "abort-rst-ack": () => {
    expect(citationOf("abort-rst-ack")).toContain("tcp_send_active_reset");
    const reset = runScenario("abort", { profile: "linux" }).steps[0]!.segment;
    expect(reset).toMatchObject({ flags: "RST+ACK", seq: 101, ack: 301 });
    expect(runScenario("abort").steps[0]!.segment).toMatchObject({ flags: "RST", ack: null });
    for (const state of ["SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"] as const) {
      expect(linux(state, "abort")).toMatchObject({ sends: "RST+ACK", kernel: expect.stringContaining("tcp_send_active_reset") });
    }
  },
  "syn-retries": () => {
    expect(citationOf("syn-retries")).toContain("tcp_write_timeout");
    const unanswered = { initial: { client: "CLOSED", server: "LISTEN" }, calls: [{ at: 0, side: "client", call: "active open" }], network: { lose: range(1, 20) } } as const;
    const gaveUp = (profile: ProfileName) => run(profile, unanswered).steps.find((step) => step.event === "user timeout")!;
    // Linux 6.5+: four retransmissions 1 s apart, then 2, 4, ... 64 s: 1+1+1+1+1+2+4+8+16+32+64 = 131 s, ten retransmissions.
    const linuxRun = run("linux", unanswered);
    expect(gaveUp("linux")).toMatchObject({ t: 131_000, at: "client", client: "CLOSED", error: "ETIMEDOUT" });
    const synTimes = linuxRun.steps.filter((step) => step.segment?.flags === "SYN").map((step) => step.t / 1000);
    expect(synTimes).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    // Before 6.5 (no linear timeouts): six retransmissions, 1 + 2 + ... + 64 = 127 s.
    const before65 = simulate({ name: "t", isn: { client: 100, server: 300 }, profile: "linux", timing: { synLinearTimeouts: 0 }, ...(unanswered as object) } as SimulationSetup);
    expect(before65.steps.find((step) => step.event === "user timeout")!.t).toBe(127_000);
    // RFC 9293 3.8.3 (MUST-23): at least 3 minutes for a SYN; the RTO is capped at 60 s (RFC 6298 2.5).
    expect(gaveUp("rfc9293").t).toBeGreaterThanOrEqual(180_000);
  },
  "synack-retries": () => {
    expect(citationOf("synack-retries")).toContain("reqsk_timer_handler");
    const noAnswerReaches = { initial: { client: "CLOSED", server: "LISTEN" }, calls: [{ at: 0, side: "client", call: "active open" }], network: { lose: range(2, 40) } } as const;
    const linuxTrace = run("linux", noAnswerReaches);
    const expired = linuxTrace.steps.find((step) => step.event === "user timeout" && step.at === "server")!;
    // The SYN arrives at 50 ms; 1 + 2 + 4 + 8 + 16 + 32 s later the fifth retransmission's RTO runs out.
    expect(expired).toMatchObject({ t: 50 + 63_000, server: "LISTEN", kernel: expect.stringContaining("reqsk_timer_handler") });
    expect(expired.error).toBeUndefined();
    const synAcks = linuxTrace.steps.filter((step) => step.segment?.from === "server" && step.segment.flags === "SYN+ACK");
    expect(synAcks).toHaveLength(1 + 5);
    const rfc = run("rfc9293", noAnswerReaches).steps.find((step) => step.event === "user timeout" && step.at === "server")!;
    expect(rfc.server).toBe("CLOSED");
  },
  "orphan-retries": () => {
    expect(citationOf("orphan-retries")).toContain("tcp_orphan_retries");
    const finNeverAcked = { initial: { client: "ESTABLISHED", server: "ESTABLISHED" }, calls: [{ at: 0, side: "client", call: "close" }], network: { lose: range(1, 40) } } as const;
    const fins = run("linux", finNeverAcked).steps.filter((step) => step.segment?.flags === "FIN+ACK");
    expect(fins).toHaveLength(1 + 8);
  },
  "rto-floor": () => {
    expect(citationOf("rto-floor")).toContain("TCP_RTO_MIN");
    const resent = (profile: ProfileName) => {
      const fins = runScenario("lost-fin", { profile }).steps.filter((step) => step.segment?.flags === "FIN+ACK" && step.at === "client");
      return fins[1]!.t - fins[0]!.t;
    };
    // A 100 ms round trip: Linux waits RTT + max(2 × RTT, 200 ms) = 300 ms; RFC 6298 rounds up to 1 s.
    expect(resent("linux")).toBe(300);
    expect(resent("rfc9293")).toBe(1_000);
    // On loopback (a round trip of about nothing) Linux resends after its floor, 200 ms.
    expect(PROFILES.linux.timers.rtoFromRtt(0)).toBe(200);
  },
  "data-after-close-rst": () => {
    expect(citationOf("data-after-close-rst")).toContain("tcp_rcv_state_process");
    const serverSendsAfterFin = (how: "close()" | "shutdown()") =>
      ({
        initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
        calls: [{ at: 0, side: "client", call: "close", how }],
        reactions: [{ side: "server", onState: "CLOSE_WAIT", after: 10, call: "send", bytes: 100 }],
      }) as const;
    const reset = run("linux", serverSendsAfterFin("close()")).steps.find((step) => step.event === "rcv data after close")!;
    expect(reset).toMatchObject({ at: "client", client: "CLOSED", segment: { flags: "RST" } });
    expect(run("linux", serverSendsAfterFin("shutdown()")).steps.some((step) => step.event === "rcv data after close")).toBe(false);
    expect(run("rfc9293", serverSendsAfterFin("close()")).bytes.client.delivered).toBe(100);
  },
  "time-wait-reuse": () => {
    expect(citationOf("time-wait-reuse")).toContain("tcp_timewait_state_process");
    expect(linux("TIME_WAIT", "rcv SYN", { newerSyn: true })).toMatchObject({ to: "SYN_RECEIVED", sends: "SYN+ACK", variant: "newer SYN" });
    expect(linux("TIME_WAIT", "rcv SYN")).toMatchObject({ to: "TIME_WAIT", sends: "ACK" });
    expect(linux("TIME_WAIT", "rcv SYN", { newerSyn: true }).kernel).toContain("TCP_TW_SYN");
    // The server closed first and a listener owns its port: the newer SYN reopens.
    const reopened = runScenario("syn-to-time-wait-newer", { profile: "linux" });
    expect(reopened.steps.some((step) => step.variant === "newer SYN" && step.server === "SYN_RECEIVED")).toBe(true);
    // The same SYN to a TIME_WAIT with no listener behind it only gets an ACK on Linux.
    const noListener = {
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [
        { at: 0, side: "server", call: "close" },
        { at: 1_000, side: "client", call: "active open" },
      ],
      reactions: [{ side: "client", onState: "CLOSE_WAIT", after: 100, call: "close" }],
    } as const;
    const answered = run("linux", noListener).steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(answered).toMatchObject({ server: "TIME_WAIT", segment: { flags: "ACK" } });
    const rfcAnswer = run("rfc9293", noListener).steps.find((step) => step.at === "server" && step.event === "rcv SYN")!;
    expect(rfcAnswer).toMatchObject({ server: "SYN_RECEIVED", segment: { flags: "SYN+ACK" } });
  },
  "quick-syn-retry": () => {
    expect(citationOf("quick-syn-retry")).toContain("tcp_rcv_synsent_state_process");
    const resentAfter = (profile: ProfileName) => {
      const steps = runScenario("syn-on-established", { profile }).steps;
      const reset = steps.find((step) => step.at === "client" && step.event === "rcv unacceptable")!;
      const again = steps.find((step) => step.t > reset.t && step.segment?.from === "client" && step.segment.flags === "SYN")!;
      return { reset, wait: again.t - reset.t };
    };
    const linuxRetry = resentAfter("linux");
    expect(linuxRetry.wait).toBe(2);
    expect(linuxRetry.reset.kernel).toContain("tcp_rcv_synsent_state_process");
    expect(resentAfter("rfc9293").wait).toBeGreaterThan(800);
  },
  "time-wait-rst": () => {
    expect(citationOf("time-wait-rst")).toContain("tcp_timewait_state_process");
    expect(linux("TIME_WAIT", "rcv RST")).toMatchObject({ to: "CLOSED", kernel: expect.stringContaining("tcp_timewait_state_process") });
    expect(linux("TIME_WAIT", "rcv RST").note).toContain("tcp_rfc1337");
    const assassinated = runScenario("syn-to-time-wait-older", { profile: "linux" }).steps.find((step) => step.at === "server" && step.event === "rcv RST")!;
    expect(assassinated).toMatchObject({ server: "CLOSED" });
  },
  "connect-on-listener": () => {
    expect(citationOf("connect-on-listener")).toContain("__inet_stream_connect");
    expect(linux("LISTEN", "active open")).toMatchObject({ to: "LISTEN", kind: "error", error: "EISCONN" });
    expect(linux("LISTEN", "send")).toMatchObject({ to: "LISTEN", kind: "error", error: "EPIPE" });
    expect(transition("LISTEN", "active open")).toMatchObject({ to: "SYN_SENT", sends: "SYN" });
  },
  "syn-recv-dup-syn": () => {
    expect(citationOf("syn-recv-dup-syn")).toContain("tcp_check_req");
    expect(linux("SYN_RECEIVED", "rcv SYN")).toMatchObject({ sends: "SYN+ACK" });
    const answers = (profile: ProfileName) =>
      runScenario("lost-syn-ack", { profile }).steps.filter((step) => step.event === "rcv SYN" && step.at === "server" && step.segment).map((step) => step.segment!.flags);
    expect(answers("linux")).toEqual(["SYN+ACK", "SYN+ACK"]);
    expect(answers("rfc9293")).toEqual(["SYN+ACK", "ACK"]);
  },
  "reset-errno": () => {
    expect(citationOf("reset-errno")).toContain("tcp_reset");
    expect(linux("SYN_SENT", "rcv RST").error).toBe("ECONNREFUSED");
    expect(linux("CLOSE_WAIT", "rcv RST").error).toBe("EPIPE");
    for (const state of ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2"] as const) expect(linux(state, "rcv RST").error).toBe("ECONNRESET");
    expect(linux("SYN_RECEIVED", "rcv RST", { activeOpen: true }).error).toBe("ECONNRESET");
    expect(transition("SYN_RECEIVED", "rcv RST", { activeOpen: true }).error).toBe("connection refused");
    expect(runScenario("rst-closed-port", { profile: "linux" }).steps.find((step) => step.error)!.error).toBe("ECONNREFUSED");
  },
  "closing-retransmitted-fin": () => {
    expect(citationOf("closing-retransmitted-fin")).toContain("tcp_rcv_state_process");
    expect(linux("CLOSING", "rcv FIN+ACK")).toMatchObject({ to: "TIME_WAIT", sends: null });
    expect(transition("CLOSING", "rcv FIN+ACK")).toMatchObject({ to: "TIME_WAIT", sends: "ACK" });
  },
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe("the linux profile", () => {
  it("every difference it lists is pinned by a test here, and every test pins a listed difference", () => {
    expect(LINUX_PROFILE.differences.map((d) => d.id).sort()).toEqual(Object.keys(pinned).sort());
  });

  it.each(LINUX_PROFILE.differences.map((d) => [d.id, d] as const))("%s: cites a kernel file and function and an RFC 9293 section, in both languages", (_id, difference) => {
    for (const citation of difference.kernel.split("; ")) expect(citation).toMatch(KERNEL_CITATION);
    expect(difference.rfc).toMatch(/^3(\.\d+)+/);
    expect(difference.what.en.length).toBeGreaterThan(20);
    expect(difference.what.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(Object.entries(pinned))("%s", (_id, check) => check());

  it("every row whose outcome differs from RFC 9293 cites the kernel, and no shared row does", () => {
    for (const outcome of allOutcomes(LINUX_PROFILE.machine)) {
      const cases = rowVariants(outcome.from, outcome.event, LINUX_PROFILE.machine);
      const reference = rowVariants(outcome.from, outcome.event, REFERENCE_MACHINE);
      cases.forEach(({ outcome: linuxCase }, i) => {
        const rfcCase = reference[i]!.outcome;
        const differs = ["to", "sends", "kind", "error"].some((field) => linuxCase[field as keyof Outcome] !== rfcCase[field as keyof Outcome]) || linuxCase.note !== rfcCase.note;
        const pair = `${outcome.from} + ${outcome.event}${linuxCase.variant ? ` (${linuxCase.variant})` : ""}`;
        if (differs) {
          expect(linuxCase.kernel, pair).toBeDefined();
          for (const citation of linuxCase.kernel!.split("; ")) expect(citation, pair).toMatch(KERNEL_CITATION);
        } else {
          expect(linuxCase.kernel, pair).toBeUndefined();
        }
      });
    }
  });

  it("rfc9293 stays the default: a scenario run without a profile is the rfc9293 run", () => {
    expect(runScenario("lost-last-ack")).toEqual(runScenario("lost-last-ack", { profile: "rfc9293" }));
    expect(runScenario("lost-last-ack").profile).toBe("rfc9293");
  });
});

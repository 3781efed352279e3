import fc from "fast-check";
import { PROFILE_NAMES, TCP_STATES, USER_CALLS } from "@/lib/tcp";
import type { AcceptQueue, Crash, Reaction, ScheduledCall, Side, SimulationSetup } from "@/lib/sim";

/**
 * Random simulation setups for the property tests: everything the simulator
 * takes but old duplicates, keep-alive (a live idle connection probes for
 * ever) and self-connects, under both profiles.
 */

const TWO_32 = 2 ** 32;

export const INITIAL_PAIRS: readonly SimulationSetup["initial"][] = [
  { client: "CLOSED", server: "LISTEN" },
  { client: "LISTEN", server: "CLOSED" },
  { client: "CLOSED", server: "CLOSED" },
  { client: "LISTEN", server: "LISTEN" },
  { client: "ESTABLISHED", server: "ESTABLISHED" },
];

const side = fc.constantFrom<Side>("client", "server");
const userCall = fc.constantFrom(...USER_CALLS);
const bytes = fc.integer({ min: 1, max: 4000 });

/** Any sequence number, with extra weight just before the 2^32 wrap. */
export const isnArb = fc.oneof(
  fc.integer({ min: 0, max: TWO_32 - 1 }),
  fc.integer({ min: TWO_32 - 5_000, max: TWO_32 - 1 }),
  fc.constantFrom(0, 100, 300, 2 ** 31 - 1, 2 ** 31),
);

const callArb: fc.Arbitrary<ScheduledCall> = fc
  .record({ at: fc.integer({ min: 0, max: 5_000 }), side, call: userCall, bytes })
  .map(({ bytes, ...call }) => (call.call === "send" ? { ...call, bytes } : call));

const reactionArb: fc.Arbitrary<Reaction> = fc
  .record({ side, onState: fc.constantFrom(...TCP_STATES), after: fc.integer({ min: 0, max: 500 }), call: userCall, bytes })
  .map(({ bytes, ...reaction }) => (reaction.call === "send" ? { ...reaction, bytes } : reaction));

/**
 * A connection's life as applications live it: open (unless already
 * ESTABLISHED), send some data from either side, close from one side or both,
 * the other side closing when it sees the FIN.
 */
const lifecycleArb = fc.record({
  sends: fc.array(fc.record({ at: fc.integer({ min: 0, max: 3_000 }), side, call: fc.constant("send" as const), bytes }), { maxLength: 4 }),
  closers: fc.subarray<Side>(["client", "server"]),
  closeAt: fc.integer({ min: 0, max: 4_000 }),
  passiveCloseAfter: fc.integer({ min: 0, max: 300 }),
});

const networkArb = fc.record({
  lose: fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 4 }),
  delay: fc.array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 3_000 })), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs)),
});

const timingArb = fc.record({
  latency: fc.constantFrom(1, 10, 50, 200),
  rto: fc.constantFrom(200, 1_000),
  msl: fc.constantFrom(500, 5_000, 120_000),
  maxRetries: fc.integer({ min: 1, max: 5 }),
});

const endpointArb = fc.record({ delayedAck: fc.constantFrom(0, 0, 40), listener: fc.constantFrom(false, false, false, true) });
const endpointsArb = fc.record({ client: endpointArb, server: endpointArb });

const times = fc.array(fc.integer({ min: 0, max: 4_000 }), { maxLength: 2 });

/** Now and then the server's accept queue is small and busy (only the linux profile acts on it). */
const acceptQueueArb: fc.Arbitrary<AcceptQueue | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({ backlog: fc.integer({ min: 0, max: 2 }), queued: fc.integer({ min: 0, max: 3 }), joinsAt: times, acceptsAt: times, abortOnOverflow: fc.boolean() }),
  },
);

/** Now and then a host crashes: it reboots at once, or stays down. */
const crashesArb: fc.Arbitrary<readonly Crash[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.tuple(fc.record({ at: fc.integer({ min: 0, max: 4_000 }), side, stayDown: fc.boolean() })) },
);

export function setupArb(): fc.Arbitrary<SimulationSetup> {
  return fc
    .record({
      initial: fc.constantFrom(...INITIAL_PAIRS),
      isn: fc.record({ client: isnArb, server: isnArb }),
      style: fc.constantFrom("lifecycle", "lifecycle", "random"),
      lifecycle: lifecycleArb,
      calls: fc.array(callArb, { maxLength: 8 }),
      reactions: fc.array(reactionArb, { maxLength: 3 }),
      network: networkArb,
      timing: timingArb,
      endpoints: endpointsArb,
      crashes: crashesArb,
      acceptQueue: acceptQueueArb,
      profile: fc.constantFrom(...PROFILE_NAMES),
    })
    .map(({ initial, isn, style, lifecycle, calls, reactions, network, timing, endpoints, crashes, acceptQueue, profile }) => {
      const setup: SimulationSetup = { name: "property", profile, initial, isn, network, timing, endpoints, crashes, ...(acceptQueue ? { acceptQueue } : {}) };
      if (style === "random") return { ...setup, calls, reactions };
      const opens: ScheduledCall[] = [];
      for (const s of ["client", "server"] as const) {
        // Whoever starts CLOSED opens actively, unless the peer listens and this side is the server.
        if (initial[s] === "CLOSED") opens.push({ at: 0, side: s, call: s === "server" && initial.client === "CLOSED" ? "passive open" : "active open" });
      }
      if (initial.client === "LISTEN" && initial.server === "LISTEN") opens.push({ at: 0, side: "client", call: "send", bytes: 1 });
      const closes: ScheduledCall[] = lifecycle.closers.map((s) => ({ at: lifecycle.closeAt, side: s, call: "close" }));
      const passiveCloses: Reaction[] = (["client", "server"] as const).map((s) => ({
        side: s,
        onState: "CLOSE_WAIT",
        after: lifecycle.passiveCloseAfter,
        call: "close",
      }));
      return { ...setup, calls: [...opens, ...lifecycle.sends, ...closes], reactions: passiveCloses };
    });
}

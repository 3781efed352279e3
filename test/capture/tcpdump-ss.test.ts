import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionReplay } from "@/lib/capture/replay-connection";
import { endpointName, missing, portOf, runPhases, stateAt, type Phases } from "./loopback-phases";

/*
 * The replay against the kernel itself (issue 12, "Done when"): tcpdump captures
 * the loopback interface while this process opens, uses and closes real
 * connections with Node's `net` module; at quiet moments `ss` says which state
 * each socket is in. The capture, replayed with the linux profile, must put
 * every endpoint in the state ss reported at that moment.
 *
 * Needs root, tcpdump and ss (iproute2). On CI (.ci/run installs both) a missing
 * tool fails the test; elsewhere the tests are skipped with the reason.
 */

if (missing.length > 0) {
  describe("tcpdump and ss against the replay", () => {
    // Not a silent pass on CI: .ci/run installs tcpdump and iproute2 and runs as root.
    it.skipIf(!process.env.CI)(`needs ${missing.join(", ")}: run as root with Debian's tcpdump and iproute2, as .ci/run does`, () => {
      throw new Error(`CI must have ${missing.join(", ")} (.ci/run installs tcpdump and iproute2 and runs as root)`);
    });
  });
} else {
  describe("tcpdump and ss against the replay (real connections on lo)", () => {
    let dir: string;
    let phases: Phases;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "synack-tcpdump-"));
      phases = await runPhases(dir);
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const startOf = (connection: ConnectionReplay) => {
      const first = phases.capture.segments.find((segment) => segment.frame === connection.segments[0]!.frame)!;
      return first.time * 1000;
    };

    const byServerPort = (port: number) => phases.replay.connections.filter((connection) => connection.endpoints[1].port === port);

    it("captured the four exchanges: one connection each, the refused connect answered ECONNREFUSED", () => {
      expect(phases.refusal).toBe("ECONNREFUSED");
      expect(phases.replay.connections).toHaveLength(4);
      for (const port of Object.values(phases.ports)) expect(byServerPort(port)).toHaveLength(1);
      expect(phases.replay.connections.every((connection) => connection.endpoints[0].role === "client")).toBe(true);
    });

    it("each side's states from the replay: close, reset, refused, half-close", () => {
      const states = (port: number) => byServerPort(port)[0]!.endpoints.map((endpoint) => endpoint.states.join(" "));
      expect(states(phases.ports.close)).toEqual([
        "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 TIME_WAIT CLOSED",
        "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
      ]);
      expect(states(phases.ports.reset)).toEqual(["CLOSED SYN_SENT ESTABLISHED CLOSED", "LISTEN SYN_RECEIVED ESTABLISHED CLOSED"]);
      expect(states(phases.ports.refused)).toEqual(["CLOSED SYN_SENT CLOSED", "CLOSED"]);
      expect(states(phases.ports.halfClose)).toEqual([
        "CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED",
        "LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED",
      ]);
    });

    it("every connection socket ss listed is in the state the replay gives that endpoint at that moment", () => {
      const checked: string[] = [];
      for (const { label, at, sockets } of phases.snapshots) {
        for (const socket of sockets.filter((s) => s.state !== "LISTEN")) {
          const match = phases.replay.connections.flatMap((connection) =>
            (["client", "server"] as const).flatMap((side, i) => {
              const self = connection.endpoints[i]!;
              const peer = connection.endpoints[1 - i]!;
              return endpointName(self.addr, self.port) === socket.local && endpointName(peer.addr, peer.port) === socket.peer ? [{ connection, side }] : [];
            }),
          );
          expect(match, `${label}: ${socket.local} → ${socket.peer} is in no replayed connection`).toHaveLength(1);
          const { connection, side } = match[0]!;
          expect(`${label}: ${side} ${socket.local} ${stateAt(connection, startOf(connection), side, at)}`).toBe(`${label}: ${side} ${socket.local} ${socket.state}`);
          checked.push(`${label}: ${side} ${socket.state}`);
        }
      }
      // The moments the issue names: established, TIME_WAIT after the close, the half-close from both sides.
      expect(checked).toEqual(
        expect.arrayContaining([
          "close: established, data both ways: client ESTABLISHED",
          "close: established, data both ways: server ESTABLISHED",
          "close: client in TIME_WAIT, server closed: client TIME_WAIT",
          "reset: established: client ESTABLISHED",
          "half-close: client FIN_WAIT_2, server CLOSE_WAIT: client FIN_WAIT_2",
          "half-close: client FIN_WAIT_2, server CLOSE_WAIT: server CLOSE_WAIT",
          "half-close: the server sends after the client's FIN: server CLOSE_WAIT",
          "half-close: client in TIME_WAIT, server closed: client TIME_WAIT",
        ]),
      );
    });

    it("an endpoint of a connection that has begun and that ss no longer lists is CLOSED in the replay (ss lists TIME-WAIT sockets)", () => {
      const unlisted: string[] = [];
      for (const { label, at, sockets } of phases.snapshots) {
        for (const connection of phases.replay.connections) {
          const start = startOf(connection);
          if (start > at) continue;
          connection.endpoints.forEach((self, i) => {
            const peer = connection.endpoints[1 - i]!;
            const side = i === 0 ? "client" : "server";
            const listed = sockets.some((s) => s.local === endpointName(self.addr, self.port) && s.peer === endpointName(peer.addr, peer.port));
            if (listed) return;
            expect(`${label}: ${side} ${self.port} ${stateAt(connection, start, side, at)}`).toBe(`${label}: ${side} ${self.port} CLOSED`);
            unlisted.push(`${label}: ${side}`);
          });
        }
      }
      expect(unlisted).toEqual(expect.arrayContaining(["close: client in TIME_WAIT, server closed: server", "reset: both closed: client", "reset: both closed: server", "refused: nothing left: client"]));
    });

    it("the listeners ss lists are the test's servers, in LISTEN, and the refused port has none", () => {
      const listening = phases.snapshots[0]!.sockets.filter((s) => s.state === "LISTEN").map((s) => portOf(s.local)).sort((a, b) => a - b);
      expect(listening).toEqual([phases.ports.close, phases.ports.reset, phases.ports.halfClose].sort((a, b) => a - b));
    });
  });
}

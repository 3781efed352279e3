import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { readCapture, type Capture } from "../../lib/capture";
import { replayCapture, type CaptureReplay } from "../../lib/capture/replay-capture";
import type { ConnectionReplay } from "../../lib/capture/replay-connection";
import { parseState, type TcpState } from "../../lib/tcp";

/*
 * Real connections on the loopback interface for tcpdump-ss.test.ts: the four
 * exchanges of issue 12 with an ss snapshot at each quiet moment, while tcpdump
 * captures them. No vitest here, so that `npx tsx` can run it alone when a run hangs.
 */

export const QUIET_MS = 150;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function hasTool(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error;
}

export const missing = [
  ...(process.getuid?.() === 0 ? [] : [`root (uid is ${process.getuid?.()})`]),
  ...(hasTool("tcpdump", ["--version"]) ? [] : ["tcpdump (Debian package tcpdump)"]),
  ...(hasTool("ss", ["-V"]) ? [] : ["ss (Debian package iproute2)"]),
];

export interface SsSocket {
  state: TcpState;
  local: string;
  peer: string;
}

export interface Snapshot {
  label: string;
  /** Date.now() just before ss ran, at a moment when no segment was in flight. */
  at: number;
  sockets: SsSocket[];
}

/** "127.0.0.1:40801", "[::1]:45746" → the port. */
export function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(":") + 1));
}

export function endpointName(addr: string, port: number): string {
  return addr.includes(":") ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** `ss -tanH state all`: "ESTAB 0 0 127.0.0.1:43800 127.0.0.1:40801", only the rows on the test's ports. */
function readSs(ports: Set<number>): SsSocket[] {
  const output = spawnSync("ss", ["-tanH", "state", "all"], { encoding: "utf8" });
  if (output.status !== 0) throw new Error(`ss failed: ${output.stderr}`);
  return output.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns.length >= 5)
    .map(([state, , , local, peer]) => ({ ss: state!, local: local!, peer: peer! }))
    .filter(({ local, peer }) => ports.has(portOf(local)) || ports.has(portOf(peer)))
    .map(({ ss, local, peer }) => {
      const state = parseState(ss);
      if (!state) throw new Error(`ss printed a state parseState does not know: ${ss}`);
      return { state, local, peer };
    });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => (socket.destroyed && socket.closed ? resolve() : socket.once("close", () => resolve())));
}

/** A port nothing listens on: bound by the kernel's choice, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startTcpdump(file: string, ports: number[]): Promise<ChildProcess> {
  const filter = `tcp and (${ports.map((port) => `port ${port}`).join(" or ")})`;
  const tcpdump = spawn("tcpdump", ["-i", "lo", "-U", "--immediate-mode", "-w", file, filter], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let stderr = "";
    const early = (code: number | null) => reject(new Error(`tcpdump exited (${code}) before listening: ${stderr}`));
    tcpdump.once("error", reject);
    tcpdump.once("exit", early);
    const watch = (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!stderr.includes("listening on")) return;
      // Only now may connections begin: before this line tcpdump may miss their first segments.
      tcpdump.off("exit", early);
      tcpdump.stderr!.off("data", watch);
      tcpdump.stderr!.resume();
      resolve(tcpdump);
    };
    tcpdump.stderr!.on("data", watch);
  });
}

function stopTcpdump(tcpdump: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (tcpdump.exitCode !== null) return resolve();
    tcpdump.once("exit", () => resolve());
    tcpdump.kill("SIGINT");
  });
}

/** The state the replay gives one side at an absolute moment: after the last step at or before it. */
export function stateAt(connection: ConnectionReplay, startMs: number, side: "client" | "server", at: number): TcpState {
  let state = connection.trace.initial[side];
  for (const step of connection.trace.steps) {
    if (startMs + step.t > at) break;
    state = step[side];
  }
  return state;
}

export interface Phases {
  ports: { close: number; reset: number; refused: number; halfClose: number };
  snapshots: Snapshot[];
  capture: Capture;
  replay: CaptureReplay;
  refusal: string | undefined;
}

/** The four exchanges of the issue, with an ss snapshot at each quiet moment. */
export async function runPhases(dir: string, log: (line: string) => void = () => undefined): Promise<Phases> {
  const servers: Server[] = [];
  const peers: Socket[] = [];
  const serve = (options: { allowHalfOpen: boolean }, onSocket: (socket: Socket) => void) => {
    const server = createServer(options, (socket) => {
      socket.on("error", () => undefined);
      peers.push(socket);
      onSocket(socket);
    });
    servers.push(server);
    return server;
  };

  // (a) normal close: the client ends first; with allowHalfOpen off Node ends the server's side on the client's FIN.
  const closeServer = serve({ allowHalfOpen: false }, (socket) => socket.on("data", () => socket.write("hi\n")));
  // (b) abort: the client resets an established connection.
  const resetServer = serve({ allowHalfOpen: false }, (socket) => socket.resume());
  // (d) half-close: the server keeps sending after the client's FIN, when the test says so.
  let halfCloseSide: Socket | undefined;
  let clientEnded: () => void = () => undefined;
  const clientEndedSeen = new Promise<void>((resolve) => (clientEnded = resolve));
  const halfCloseServer = serve({ allowHalfOpen: true }, (socket) => {
    halfCloseSide = socket;
    socket.resume();
    socket.on("end", () => clientEnded());
  });

  const ports = {
    close: await listen(closeServer),
    reset: await listen(resetServer),
    refused: await closedPort(),
    halfClose: await listen(halfCloseServer),
  };
  const portSet = new Set(Object.values(ports));
  const snapshots: Snapshot[] = [];
  const snapshot = async (label: string) => {
    await pause(QUIET_MS);
    const at = Date.now();
    snapshots.push({ label, at, sockets: readSs(portSet) });
    log(`${label}: ${snapshots.at(-1)!.sockets.map((s) => `${s.state} ${s.local} ${s.peer}`).join("; ")}`);
  };

  const file = join(dir, "real.pcap");
  const tcpdump = await startTcpdump(file, Object.values(ports));
  log(`tcpdump listening on ports ${Object.values(ports).join(", ")}`);
  let refusal: string | undefined;
  try {
    await snapshot("listening");

    const closeClient = connect({ host: "127.0.0.1", port: ports.close });
    await connected(closeClient);
    closeClient.write("hello\n");
    await new Promise((resolve) => closeClient.once("data", resolve));
    await snapshot("close: established, data both ways");
    closeClient.end();
    await closed(closeClient);
    await Promise.all(peers.map(closed));
    await snapshot("close: client in TIME_WAIT, server closed");

    const resetClient = connect({ host: "127.0.0.1", port: ports.reset });
    await connected(resetClient);
    resetClient.write("abort\n");
    await snapshot("reset: established");
    resetClient.resetAndDestroy();
    await closed(resetClient);
    await Promise.all(peers.map(closed));
    await snapshot("reset: both closed");

    const refused = connect({ host: "127.0.0.1", port: ports.refused });
    refusal = await connected(refused).then(
      () => "connected",
      (error: NodeJS.ErrnoException) => error.code,
    );
    await snapshot("refused: nothing left");

    const halfClient = connect({ host: "127.0.0.1", port: ports.halfClose, allowHalfOpen: true });
    halfClient.resume();
    await connected(halfClient);
    halfClient.write("request\n");
    await snapshot("half-close: established");
    halfClient.end();
    await clientEndedSeen;
    await snapshot("half-close: client FIN_WAIT_2, server CLOSE_WAIT");
    halfCloseSide!.write("one\n");
    await snapshot("half-close: the server sends after the client's FIN");
    halfCloseSide!.end("two\n");
    await closed(halfClient);
    await Promise.all(peers.map(closed));
    await snapshot("half-close: client in TIME_WAIT, server closed");
  } finally {
    await stopTcpdump(tcpdump);
    log("tcpdump stopped");
    for (const socket of peers) socket.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    log("servers closed");
  }
  const capture = readCapture(new Uint8Array(readFileSync(file)));
  return { ports, snapshots, capture, replay: replayCapture(capture, "linux"), refusal };
}


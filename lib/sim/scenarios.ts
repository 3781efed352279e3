import { NO_TIME_WAIT_MACHINE, seqAdd, TWO_WAY_HANDSHAKE_MACHINE } from "../tcp";
import { ISN_TICKS_PER_MS } from "./endpoint";
import { INTERVIEW_SCENARIOS } from "./interview-scenarios";
import { simulate, type SimulationSetup } from "./simulator";
import type { AcceptQueue, SimulationOptions, Trace } from "./types";

export interface ScenarioDefinition {
  name: string;
  /** One line each. */
  description: { en: string; zh: string };
  /** The setup for given ISNs; the network options of a run are merged in by `runScenario`. */
  setup: (isn: { client: number; server: number }) => Omit<SimulationSetup, "name" | "isn">;
}

/** RFC 9293's own figures use 100 and 300. */
export const DEFAULT_ISN = { client: 100, server: 300 } as const;

/** The application on the side that receives the first FIN closes 100 ms later. */
const PASSIVE_CLOSE_DELAY = 100;

const closeAfterFin = (side: "client" | "server") => ({ side, onState: "CLOSE_WAIT" as const, after: PASSIVE_CLOSE_DELAY, call: "close" as const });

const handshake = (): Omit<SimulationSetup, "name" | "isn"> => ({
  initial: { client: "CLOSED", server: "LISTEN" },
  calls: [{ at: 0, side: "client", call: "active open" }],
});

const clientCloses = (): Omit<SimulationSetup, "name" | "isn"> => ({
  initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
  calls: [{ at: 0, side: "client", call: "close" }],
  reactions: [closeAfterFin("server")],
});

/** When the no-time-wait scenario opens its second connection. */
const REOPEN_AT = 5_000;

export const SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: "open",
    description: {
      en: "Three-way handshake: client CLOSED, server LISTEN; SYN, SYN+ACK, ACK.",
      zh: "三次握手：客户端 CLOSED，服务器 LISTEN；SYN、SYN+ACK、ACK。",
    },
    setup: handshake,
  },
  {
    name: "simultaneous-open",
    description: {
      en: "Both sides open actively at once; the SYNs cross and both pass through SYN_RECEIVED.",
      zh: "同时打开：双方同时主动打开，两个 SYN 在网络中交叉，双方都经过 SYN_RECEIVED。",
    },
    setup: () => ({
      initial: { client: "CLOSED", server: "CLOSED" },
      calls: [
        { at: 0, side: "client", call: "active open" },
        { at: 0, side: "server", call: "active open" },
      ],
    }),
  },
  {
    name: "close-client-first",
    description: {
      en: "Four-way close, client first: FIN, ACK, FIN, ACK; the client waits in TIME_WAIT.",
      zh: "四次挥手，客户端先关闭：FIN、ACK、FIN、ACK；客户端进入 TIME_WAIT。",
    },
    setup: clientCloses,
  },
  {
    name: "close-server-first",
    description: {
      en: "Four-way close, server first: the server is the active closer and waits in TIME_WAIT.",
      zh: "四次挥手，服务器先关闭：服务器是主动关闭方，由它进入 TIME_WAIT。",
    },
    setup: () => ({
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [{ at: 0, side: "server", call: "close" }],
      reactions: [closeAfterFin("client")],
    }),
  },
  {
    name: "close-combined",
    description: {
      en: "Three-segment close: the server's ACK and FIN ride in one segment, so the client goes FIN_WAIT_1 to TIME_WAIT.",
      zh: "三次挥手：服务器的 ACK 与 FIN 合在一个报文段里，客户端从 FIN_WAIT_1 直接进入 TIME_WAIT。",
    },
    setup: () => ({
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [{ at: 0, side: "client", call: "close" }],
      reactions: [{ side: "server", onState: "CLOSE_WAIT", after: 0, call: "close" }],
      // A delayed ACK (Linux holds one for 40 to 200 ms) lets the FIN carry it.
      endpoints: { server: { delayedAck: 40 } },
    }),
  },
  {
    name: "simultaneous-close",
    description: {
      en: "Both sides close at once; the FINs cross, both pass through CLOSING and both wait in TIME_WAIT.",
      zh: "同时关闭：双方同时发 FIN，FIN 交叉，双方都经过 CLOSING 并都进入 TIME_WAIT。",
    },
    setup: () => ({
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [
        { at: 0, side: "client", call: "close" },
        { at: 0, side: "server", call: "close" },
      ],
    }),
  },
  {
    name: "half-close",
    description: {
      en: "Half-close: the client calls shutdown(SHUT_WR); the server, in CLOSE_WAIT, still sends 300 bytes, then closes.",
      zh: "半关闭：客户端调用 shutdown(SHUT_WR)；处于 CLOSE_WAIT 的服务器仍发送 300 字节数据，然后才关闭。",
    },
    setup: () => ({
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      // shutdown(), not close(): after close() Linux would answer the data with RST (see data-after-close).
      calls: [{ at: 0, side: "client", call: "close", how: "shutdown()" }],
      reactions: [
        { side: "server", onState: "CLOSE_WAIT", after: 10, call: "send", bytes: 100 },
        { side: "server", onState: "CLOSE_WAIT", after: 20, call: "send", bytes: 200 },
        { side: "server", onState: "CLOSE_WAIT", after: 200, call: "close" },
      ],
    }),
  },
  {
    name: "lost-syn",
    description: {
      en: "The client's SYN is lost; its retransmission timer sends the SYN again after 1 s.",
      zh: "客户端的 SYN 丢失；重传定时器 1 秒后再次发送 SYN。",
    },
    setup: () => ({ ...handshake(), network: { lose: [1] } }),
  },
  {
    name: "lost-syn-ack",
    description: {
      en: "The server's SYN+ACK is lost; the client's resent SYN only draws a bare ACK, and the server's own timer resends the SYN+ACK.",
      zh: "服务器的 SYN+ACK 丢失；客户端重传的 SYN 只换来一个纯 ACK，服务器自己的重传定时器再次发送 SYN+ACK。",
    },
    setup: () => ({ ...handshake(), network: { lose: [2] } }),
  },
  {
    name: "lost-third-ack",
    description: {
      en: "The third handshake segment is lost: the client is ESTABLISHED, the server retransmits its SYN+ACK.",
      zh: "第三次握手的 ACK 丢失：客户端已 ESTABLISHED，服务器超时重传 SYN+ACK。",
    },
    setup: () => ({ ...handshake(), network: { lose: [3] } }),
  },
  {
    name: "lost-fin",
    description: {
      en: "The client's FIN is lost; it stays in FIN_WAIT_1 and retransmits the FIN.",
      zh: "客户端的 FIN 丢失；它停在 FIN_WAIT_1 并重传 FIN。",
    },
    setup: () => ({ ...clientCloses(), network: { lose: [1] } }),
  },
  {
    name: "lost-last-ack",
    description: {
      en: "The last ACK of the close is lost; the server retransmits its FIN and the client, still in TIME_WAIT, ACKs it again.",
      zh: "四次挥手最后的 ACK 丢失；服务器重传 FIN，仍在 TIME_WAIT 的客户端再次确认并重新计时 2MSL。",
    },
    setup: () => ({ ...clientCloses(), network: { lose: [4] } }),
  },
  {
    name: "rst-closed-port",
    description: {
      en: "A SYN to a port where nothing listens is answered by RST+ACK: connection refused.",
      zh: "向没有监听的端口发送 SYN，对方回 RST+ACK：连接被拒绝。",
    },
    setup: () => ({
      initial: { client: "CLOSED", server: "CLOSED" },
      calls: [{ at: 0, side: "client", call: "active open" }],
    }),
  },
  {
    name: "abort",
    description: {
      en: "Abortive close: the client aborts (SO_LINGER 0) and sends RST; both ends are CLOSED at once, with no TIME_WAIT.",
      zh: "异常关闭：客户端中止连接（SO_LINGER 为 0）并发送 RST；双方立即 CLOSED，没有 TIME_WAIT。",
    },
    setup: () => ({
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [{ at: 0, side: "client", call: "abort" }],
    }),
  },
  {
    name: "old-duplicate-syn",
    description: {
      en: "RFC 9293 Figure 8: an old duplicate SYN arrives first; the client's RST sends the server back to LISTEN, then the real SYN connects.",
      zh: "RFC 9293 图 8：旧的重复 SYN 先到；客户端以 RST 使服务器回到 LISTEN，随后真正的 SYN 建立连接。",
    },
    setup: () => ({
      ...handshake(),
      // An earlier incarnation's SYN, from 30 s ago by the ISN clock.
      oldDuplicates: [{ at: 0, from: "client", flags: "SYN", seq: (isn) => seqAdd(isn.client, -ISN_TICKS_PER_MS * 30_000) }],
      // The current SYN takes a slow path and arrives after the old one.
      network: { delay: { 1: 200 } },
    }),
  },
  {
    name: "two-way-handshake",
    description: {
      en: "Counterfactual: a server that is ESTABLISHED on the first SYN accepts an old duplicate SYN and is left half-open.",
      zh: "反事实：若服务器收到第一个 SYN 就进入 ESTABLISHED，一个旧的重复 SYN 就会让它处于半开连接。",
    },
    setup: () => ({
      machine: TWO_WAY_HANDSHAKE_MACHINE,
      initial: { client: "CLOSED", server: "LISTEN" },
      oldDuplicates: [{ at: 0, from: "client", flags: "SYN", seq: (isn) => seqAdd(isn.client, -ISN_TICKS_PER_MS * 30_000) }],
      // The client that sent that SYN long ago is gone: the SYN+ACK reaches no one.
      network: { lose: [2] },
    }),
  },
  {
    name: "no-time-wait",
    description: {
      en: "Counterfactual: without TIME_WAIT the lost last ACK is answered by RST, and a delayed segment of the old connection lands in a new one.",
      zh: "反事实：没有 TIME_WAIT 时，最后的 ACK 丢失会招来 RST，旧连接迟到的报文段会混入同端口的新连接。",
    },
    setup: () => ({
      machine: NO_TIME_WAIT_MACHINE,
      initial: { client: "ESTABLISHED", server: "ESTABLISHED" },
      calls: [
        { at: 0, side: "client", call: "send", bytes: 1000 },
        { at: 1500, side: "client", call: "close" },
        { at: REOPEN_AT, side: "client", call: "active open" },
      ],
      reactions: [closeAfterFin("server"), { side: "server", onState: "CLOSED", after: 1000, call: "passive open" }],
      endpoints: {
        // The old connection has carried as many bytes as the ISN clock
        // advances before the reopening, so its sequence numbers meet the new ones.
        client: { preSent: ISN_TICKS_PER_MS * REOPEN_AT },
      },
      // Segment 1 (the data) wanders for 5.3 s, well within an MSL; segment 7 is the last ACK.
      network: { delay: { 1: 5_300 }, lose: [7] },
    }),
  },
  ...INTERVIEW_SCENARIOS,
];

export class UnknownScenarioError extends Error {
  override name = "UnknownScenarioError";
  constructor(readonly scenario: string) {
    super(`unknown scenario "${scenario}"; valid: ${SCENARIOS.map((s) => s.name).join(", ")}`);
  }
}

export function findScenario(name: string): ScenarioDefinition | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((scenario) => scenario.name);

/**
 * Run a named scenario. Losses given here are added to the scenario's own
 * (a `lost-*` scenario always loses its segment); delays override by segment;
 * accept-queue settings override the scenario's, or give one to a scenario
 * that has none (a backlog is then required).
 */
export function runScenario(name: string, options: SimulationOptions = {}): Trace {
  const scenario = findScenario(name);
  if (!scenario) throw new UnknownScenarioError(name);
  const isn = { client: options.isn?.client ?? DEFAULT_ISN.client, server: options.isn?.server ?? DEFAULT_ISN.server };
  const setup = scenario.setup(isn);
  const lose = [...new Set([...(setup.network?.lose ?? []), ...(options.lose ?? [])])].sort((a, b) => a - b);
  return simulate({
    ...setup,
    name,
    profile: options.profile ?? setup.profile,
    isn,
    network: { lose, delay: { ...setup.network?.delay, ...options.delay } },
    timing: { ...setup.timing, ...options.timing },
    acceptQueue: acceptQueueOf(setup.acceptQueue, options.acceptQueue),
  });
}

function acceptQueueOf(own: AcceptQueue | undefined, given: Partial<AcceptQueue> | undefined): AcceptQueue | undefined {
  if (!given) return own;
  const merged = { queued: 0, ...own, ...given };
  return merged.backlog === undefined ? own : { ...merged, backlog: merged.backlog };
}

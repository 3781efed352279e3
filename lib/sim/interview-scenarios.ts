import { ISN_TICKS_PER_MS } from "./endpoint";
import type { ScenarioDefinition } from "./scenarios";
import type { SimulationSetup } from "./simulator";

/*
 * Scenarios for the questions interviewers ask beyond the textbook figures:
 * what reordering does to a FIN, a SYN meeting TIME_WAIT or an established
 * connection, a crashed peer found by data or by keep-alive, a socket that
 * connects to itself, a full accept queue. Each runs under both profiles;
 * where Linux departs from RFC 9293 the trace shows it and its note says why.
 */

type Setup = Omit<SimulationSetup, "name" | "isn">;

const ESTABLISHED = { client: "ESTABLISHED", server: "ESTABLISHED" } as const;

/** When the client connects again in the reconnect scenarios: after the old connection is closed or forgotten. */
export const RECONNECT_AT = 1_000;

/**
 * syn-to-time-wait-older: the old connection carried as many bytes as the
 * client's ISN clock advances in twice RECONNECT_AT, so its new ISN (taken at
 * RECONNECT_AT) lies below the server's old RCV.NXT.
 */
export const OLDER_PRESENT = ISN_TICKS_PER_MS * 2 * RECONNECT_AT;

const serverClosesFirst = (): Setup => ({
  initial: ESTABLISHED,
  calls: [
    { at: 0, side: "server", call: "close" },
    { at: RECONNECT_AT, side: "client", call: "active open" },
  ],
  reactions: [{ side: "client", onState: "CLOSE_WAIT", after: 100, call: "close" }],
  endpoints: { server: { listener: true } },
});

export const INTERVIEW_SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: "out-of-order-fin",
    description: {
      en: "The client sends 100 bytes, then its FIN; the data is delayed, so the FIN arrives first: the server holds it and stays ESTABLISHED with a duplicate ACK, and enters CLOSE_WAIT only once the data fills the gap.",
      zh: "客户端先发送 100 字节数据，再发送 FIN；数据被延迟，FIN 先到达：服务器暂存 FIN，回复重复 ACK 并停留在 ESTABLISHED，直到数据补上空缺才进入 CLOSE_WAIT。",
    },
    setup: () => ({
      initial: ESTABLISHED,
      calls: [
        { at: 0, side: "client", call: "send", bytes: 100 },
        { at: 0, side: "client", call: "close" },
      ],
      reactions: [{ side: "server", onState: "CLOSE_WAIT", after: 100, call: "close" }],
      // The data takes a slower path than the FIN sent right behind it.
      network: { delay: { 1: 100 } },
    }),
  },
  {
    name: "syn-to-time-wait-newer",
    description: {
      en: "The server closed first and waits in TIME_WAIT; the client reconnects from the same port with an ISN above the old RCV.NXT, so the SYN reopens the connection at once (SYN+ACK, RFC 9293 3.6.1).",
      zh: "服务器先关闭并处于 TIME_WAIT；客户端从同一端口重新连接，ISN 高于旧连接的 RCV.NXT，因此这个 SYN 立即重新打开连接（回 SYN+ACK，RFC 9293 3.6.1）。",
    },
    setup: serverClosesFirst,
  },
  {
    name: "syn-to-time-wait-older",
    description: {
      en: "The server waits in TIME_WAIT; the client reconnects from the same port with an ISN below the old RCV.NXT (no timestamps): the SYN gets an ACK, the client's RST kills the TIME_WAIT (RFC 1337 assassination), and its SYN retransmitted after 1 s connects.",
      zh: "服务器处于 TIME_WAIT；客户端从同一端口重新连接，ISN 低于旧连接的 RCV.NXT（不使用时间戳）：SYN 换来一个 ACK，客户端回复的 RST 杀掉了 TIME_WAIT（RFC 1337 所说的 TIME-WAIT 暗杀），1 秒后重传的 SYN 建立了连接。",
    },
    setup: () => ({ ...serverClosesFirst(), endpoints: { server: { listener: true }, client: { preSent: OLDER_PRESENT } } }),
  },
  {
    name: "syn-on-established",
    description: {
      en: "RFC 9293 Figure 9: the client crashes and reboots without a word, then connects again from the same port; the ESTABLISHED server answers the SYN with a challenge ACK, the client's RST resets it, and the client's retransmitted SYN connects.",
      zh: "RFC 9293 图 9：客户端崩溃重启，没有发出任何报文段，随后从同一端口重新连接；仍处于 ESTABLISHED 的服务器用挑战 ACK 回应这个 SYN，客户端回 RST 使服务器复位，客户端重传的 SYN 随后建立连接。",
    },
    setup: () => ({
      initial: ESTABLISHED,
      crashes: [{ at: 0, side: "client" }],
      calls: [{ at: RECONNECT_AT, side: "client", call: "active open" }],
      endpoints: { server: { listener: true } },
    }),
  },
  {
    name: "half-open-discovery",
    description: {
      en: "RFC 9293 Figure 10: the client crashes and reboots without a word; the server sends 10 bytes on the connection it believes open, the client's stack, with no TCB, answers RST, and the server's connection is reset.",
      zh: "RFC 9293 图 10：客户端崩溃重启，没有发出任何报文段；服务器在它以为仍然打开的连接上发送 10 字节数据，没有 TCB 的客户端协议栈回复 RST，服务器的连接被复位。",
    },
    setup: () => ({
      initial: ESTABLISHED,
      crashes: [{ at: 0, side: "client" }],
      calls: [{ at: RECONNECT_AT, side: "server", call: "send", bytes: 10 }],
    }),
  },
  {
    name: "keepalive-dead-peer",
    description: {
      en: "The server's host crashes and stays down; the client set SO_KEEPALIVE, so after 2 hours idle it sends 9 probes 75 s apart (Linux's defaults) and then gives up: CLOSED (ETIMEDOUT on Linux).",
      zh: "服务器主机崩溃后一直没有恢复；客户端设置了 SO_KEEPALIVE，空闲 2 小时后每隔 75 秒发送一个探测，共 9 个（Linux 的默认值），随后放弃连接：进入 CLOSED（Linux 上报 ETIMEDOUT）。",
    },
    setup: () => ({
      initial: ESTABLISHED,
      crashes: [{ at: 0, side: "server", stayDown: true }],
      endpoints: { client: { keepalive: true } },
    }),
  },
  {
    name: "self-connect",
    description: {
      en: "A socket connects to its own address and port (its ephemeral port equals the destination port): its SYN comes back to it, and it opens as in a simultaneous open with one endpoint, SYN_SENT, SYN_RECEIVED, ESTABLISHED; the server takes no part.",
      zh: "一个套接字连接到它自己的地址和端口（它的临时端口恰好等于目的端口）：它的 SYN 回到自己，像只有一个端点的同时打开那样经过 SYN_SENT、SYN_RECEIVED 到达 ESTABLISHED；服务器不参与。",
    },
    setup: () => ({
      initial: { client: "CLOSED", server: "CLOSED" },
      calls: [{ at: 0, side: "client", call: "active open" }],
      selfConnect: true,
    }),
  },
  {
    name: "accept-queue-full",
    description: {
      en: "A listener with backlog 1 whose application does not call accept(): another connection fills the queue during our handshake, so on Linux the final ACK is dropped and the server stays SYN_RECEIVED, resending its SYN+ACK, until accept() makes room (RFC 9293 has no accept queue: a plain open).",
      zh: "监听套接字的 backlog 为 1，应用程序没有调用 accept()：握手期间另一个连接占满了队列，所以在 Linux 上最后的 ACK 被丢弃，服务器停留在 SYN_RECEIVED 并重发 SYN+ACK，直到 accept() 腾出位置（RFC 9293 没有全连接队列：就是普通的打开）。",
    },
    setup: () => ({
      initial: { client: "CLOSED", server: "LISTEN" },
      calls: [{ at: 0, side: "client", call: "active open" }],
      // One connection already waits; a second completes between our SYN+ACK (50 ms) and our final ACK (150 ms).
      acceptQueue: { backlog: 1, queued: 1, joinsAt: [75], acceptsAt: [2_000] },
    }),
  },
];

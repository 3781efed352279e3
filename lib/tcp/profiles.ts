import { LINUX_MACHINE } from "./linux-machine";
import { REFERENCE_MACHINE, type Machine } from "./machine";

/**
 * A profile is a machine plus the timers and behaviours around it: what RFC
 * 9293 says (`rfc9293`, the default) or what Linux does (`linux`). Questions
 * and claims whose answer differs between the two must say which they mean.
 */
export const PROFILE_NAMES = ["rfc9293", "linux"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = "rfc9293";

/** Timers and retry limits, in milliseconds and counts. */
export interface ProfileTimers {
  /** Maximum segment lifetime. */
  msl: number;
  /** How long TIME_WAIT lasts. */
  timeWait: number;
  /** How long an orphaned FIN_WAIT_2 lasts, or null for no limit. */
  finWait2Timeout: number | null;
  /** The RTO before any round trip has been measured. */
  initialRto: number;
  /** The floor and ceiling of the RTO. */
  minRto: number;
  maxRto: number;
  /** Retransmissions of a SYN, of a SYN+ACK, of data, and of a FIN after close(), before giving up. */
  synRetries: number;
  synAckRetries: number;
  dataRetries: number;
  orphanRetries: number;
  /** SYN retransmissions, beyond synRetries, sent at a constant initial RTO before it starts doubling (Linux 6.5+). */
  synLinearTimeouts: number;
  /** After an unacceptable ACK in SYN_SENT, the SYN is resent this soon instead of after the RTO; null: no such rule. */
  quickSynRetry: number | null;
  /** How the RTO follows the first measured round trip R. */
  rtoFromRtt: (rtt: number) => number;
}

/** One way the Linux profile departs from RFC 9293, with the source of each side. */
export interface ProfileDifference {
  id: string;
  what: { en: string; zh: string };
  rfc: string;
  kernel: string;
}

export interface Profile {
  name: ProfileName;
  label: { en: string; zh: string };
  /** What the profile describes, down to the version where versions differ. */
  modelled: { en: string; zh: string };
  machine: Machine;
  timers: ProfileTimers;
  /** Data arriving after close() (not shutdown()) is answered with RST, and the socket is reset. */
  resetOnDataAfterClose: boolean;
  /** A SYN+ACK request that runs out of retries is dropped silently, leaving the listener in LISTEN. */
  dropsExpiredRequests: boolean;
  /** A newer SYN reopens a TIME_WAIT connection only when a listener owns the port (else it only gets an ACK). */
  reopenNeedsListener: boolean;
  differences: readonly ProfileDifference[];
}

export const RFC9293_PROFILE: Profile = {
  name: "rfc9293",
  label: { en: "RFC 9293", zh: "RFC 9293" },
  modelled: {
    en: "RFC 9293 (August 2022), with RFC 6298's retransmission timer and RFC 5961's challenge ACK.",
    zh: "RFC 9293（2022 年 8 月），重传定时器按 RFC 6298，挑战 ACK 按 RFC 5961。",
  },
  machine: REFERENCE_MACHINE,
  timers: {
    // 3.4.2: MSL is 2 minutes, so TIME_WAIT (2 × MSL) lasts 4.
    msl: 120_000,
    timeWait: 240_000,
    finWait2Timeout: null,
    // RFC 6298 2.1 and 2.4: 1 s at first, and never below 1 s; 2.5: a ceiling of at least 60 s.
    initialRto: 1_000,
    minRto: 1_000,
    maxRto: 60_000,
    // 3.8.3: R2 for a SYN at least 3 minutes (MUST-23): 1+2+4+8+16+32+60+60 s; for data at least 100 s: 1+...+32+60 s.
    synRetries: 7,
    synAckRetries: 7,
    dataRetries: 6,
    orphanRetries: 6,
    synLinearTimeouts: 0,
    quickSynRetry: null,
    // RFC 6298 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 × RTTVAR = 3R.
    rtoFromRtt: (rtt) => 3 * rtt,
  },
  resetOnDataAfterClose: false,
  dropsExpiredRequests: false,
  reopenNeedsListener: false,
  differences: [],
};

const LINUX_DIFFERENCES: readonly ProfileDifference[] = [
  {
    id: "time-wait-60s",
    what: { en: "TIME_WAIT lasts a fixed 60 s, not 2 × MSL (4 minutes).", zh: "TIME_WAIT 固定持续 60 秒，而不是 2MSL（4 分钟）。" },
    rfc: "3.4.2",
    kernel: "include/net/tcp.h: TCP_TIMEWAIT_LEN",
  },
  {
    id: "fin-wait-2-timeout",
    what: {
      en: "An orphaned FIN_WAIT_2 (after close()) is deleted after tcp_fin_timeout, 60 s; RFC 9293 has no such timer.",
      zh: "孤儿 FIN_WAIT_2（调用 close() 之后）在 tcp_fin_timeout（60 秒）后被删除；RFC 9293 没有这个定时器。",
    },
    rfc: "3.10.8",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process; net/ipv4/tcp_minisocks.c: tcp_time_wait; include/net/tcp.h: tcp_fin_time",
  },
  {
    id: "abort-rst-ack",
    what: { en: "An abortive close sends RST+ACK, not a bare RST.", zh: "异常关闭发送 RST+ACK，而不是单独的 RST。" },
    rfc: "3.10.5",
    kernel: "net/ipv4/tcp_output.c: tcp_send_active_reset",
  },
  {
    id: "syn-retries",
    what: {
      en: "A SYN is retransmitted tcp_syn_retries (6) + tcp_syn_linear_timeouts (4) = 10 times: the first 4 after a constant 1 s, then the RTO doubles, so connect() fails with ETIMEDOUT after about 131 s. Before Linux 6.5 (no linear timeouts) it was 6 retransmissions and about 127 s.",
      zh: "SYN 重传 tcp_syn_retries（6）+ tcp_syn_linear_timeouts（4）= 10 次：前 4 次间隔固定 1 秒，之后 RTO 翻倍，所以约 131 秒后 connect() 以 ETIMEDOUT 失败。Linux 6.5 之前没有线性超时，是重传 6 次、约 127 秒。",
    },
    rfc: "3.8.3",
    kernel: "include/net/tcp.h: TCP_SYN_RETRIES, TCP_TIMEOUT_INIT; net/ipv4/tcp_timer.c: tcp_write_timeout, tcp_retransmit_timer",
  },
  {
    id: "synack-retries",
    what: {
      en: "A SYN+ACK is retransmitted tcp_synack_retries = 5 times; then the request is dropped silently and the listener stays in LISTEN.",
      zh: "SYN+ACK 重传 tcp_synack_retries = 5 次；之后该请求被悄悄丢弃，监听套接字仍处于 LISTEN。",
    },
    rfc: "3.8.3",
    kernel: "include/net/tcp.h: TCP_SYNACK_RETRIES; net/ipv4/inet_connection_sock.c: reqsk_timer_handler",
  },
  {
    id: "orphan-retries",
    what: {
      en: "After close(), a FIN is retransmitted tcp_orphan_retries times: the default 0 means 8.",
      zh: "调用 close() 之后，FIN 重传 tcp_orphan_retries 次：默认值 0 表示 8 次。",
    },
    rfc: "3.8.3",
    kernel: "net/ipv4/tcp_timer.c: tcp_orphan_retries",
  },
  {
    id: "rto-floor",
    what: {
      en: "The RTO is the measured RTT plus at least 200 ms (TCP_RTO_MIN), so a FIN is resent after about 0.2 s on loopback; RFC 6298 rounds the RTO up to 1 s.",
      zh: "RTO 等于测得的 RTT 加上至少 200 毫秒（TCP_RTO_MIN），所以在回环接口上 FIN 约 0.2 秒后重传；RFC 6298 把 RTO 向上取整到 1 秒。",
    },
    rfc: "3.8.1 (RFC 6298 2.4)",
    kernel: "include/net/tcp.h: TCP_RTO_MIN; net/ipv4/tcp_input.c: tcp_rtt_estimator, tcp_set_rto",
  },
  {
    id: "data-after-close-rst",
    what: {
      en: "Data arriving after close() is answered with RST and the socket is reset (RFC 1122 4.2.2.13); after shutdown(SHUT_WR) it is still received.",
      zh: "close() 之后到达的数据会被回以 RST，套接字被重置（RFC 1122 4.2.2.13）；若用的是 shutdown(SHUT_WR)，数据仍照常接收。",
    },
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process (LINUX_MIB_TCPABORTONDATA)",
  },
  {
    id: "time-wait-reuse",
    what: {
      en: "A SYN above RCV.NXT, or with a newer timestamp, reopens a TIME_WAIT connection when a listener owns the port; with no listener it only gets an ACK.",
      zh: "序号高于 RCV.NXT 或时间戳更新的 SYN，在该端口有监听套接字时，会让 TIME_WAIT 中的连接重新打开；没有监听套接字时只换来一个 ACK。",
    },
    rfc: "3.6.1",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process; net/ipv4/tcp_ipv4.c: tcp_v4_rcv",
  },
  {
    id: "quick-syn-retry",
    what: {
      en: "An unacceptable ACK in SYN_SENT (such as a challenge ACK from the peer's old connection) is answered with RST, and the SYN is resent after TCP_TIMEOUT_MIN (2 ms) rather than a full RTO, once.",
      zh: "SYN_SENT 收到不可接受的 ACK（例如对端旧连接发来的挑战 ACK）时回 RST，并在 TCP_TIMEOUT_MIN（2 毫秒）后、而不是等一个完整的 RTO，重发 SYN，只此一次。",
    },
    rfc: "3.10.7.3",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_synsent_state_process",
  },
  {
    id: "time-wait-rst",
    what: {
      en: "A RST kills a TIME_WAIT socket while tcp_rfc1337 = 0, the default (RFC 1337's assassination); tcp_rfc1337 = 1 ignores it. RFC 9293 also closes on an acceptable reset.",
      zh: "tcp_rfc1337 取默认值 0 时，RST 会销毁 TIME_WAIT 套接字（即 RFC 1337 所说的暗杀）；设为 1 则忽略它。RFC 9293 对可接受的复位也是关闭连接。",
    },
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_timewait_state_process",
  },
  {
    id: "connect-on-listener",
    what: {
      en: "connect() on a listening socket fails with EISCONN; send() on it fails with EPIPE.",
      zh: "对监听套接字调用 connect() 以 EISCONN 失败；调用 send() 以 EPIPE 失败。",
    },
    rfc: "3.10.1",
    kernel: "net/ipv4/af_inet.c: __inet_stream_connect; net/core/stream.c: sk_stream_wait_connect",
  },
  {
    id: "syn-recv-dup-syn",
    what: {
      en: "A retransmitted SYN in SYN_RECEIVED gets the SYN+ACK again at once; RFC 9293 answers with a bare ACK.",
      zh: "SYN_RECEIVED 状态收到重传的 SYN 时立即重发 SYN+ACK；RFC 9293 只回一个纯 ACK。",
    },
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_minisocks.c: tcp_check_req",
  },
  {
    id: "reset-errno",
    what: {
      en: "A reset reports ECONNREFUSED in SYN_SENT, EPIPE in CLOSE_WAIT and ECONNRESET elsewhere, including SYN_RECEIVED after a simultaneous open (the RFC: \"connection refused\").",
      zh: "收到复位时，SYN_SENT 报 ECONNREFUSED，CLOSE_WAIT 报 EPIPE，其他状态报 ECONNRESET，包括同时打开后的 SYN_RECEIVED（RFC 的说法是 \"connection refused\"）。",
    },
    rfc: "3.10.7.3, 3.10.7.4",
    kernel: "net/ipv4/tcp_input.c: tcp_reset",
  },
  {
    id: "closing-retransmitted-fin",
    what: {
      en: "In CLOSING, a retransmitted FIN that acknowledges our FIN moves to TIME_WAIT without an ACK in reply.",
      zh: "在 CLOSING 状态，确认了本端 FIN 的重传 FIN 让连接进入 TIME_WAIT，但不回 ACK。",
    },
    rfc: "3.10.7.4",
    kernel: "net/ipv4/tcp_input.c: tcp_rcv_state_process",
  },
];

export const LINUX_PROFILE: Profile = {
  name: "linux",
  label: { en: "Linux", zh: "Linux" },
  modelled: {
    en: "Linux 6.5 or later with default sysctls (tcp_syn_linear_timeouts = 4, tcp_rfc1337 = 0, tcp_abort_on_overflow = 0), no TCP timestamps.",
    zh: "Linux 6.5 及以后版本，sysctl 取默认值（tcp_syn_linear_timeouts = 4，tcp_rfc1337 = 0，tcp_abort_on_overflow = 0），不用 TCP 时间戳。",
  },
  machine: LINUX_MACHINE,
  timers: {
    // Linux has no MSL of its own; TIME_WAIT is the fixed TCP_TIMEWAIT_LEN.
    msl: 30_000,
    timeWait: 60_000,
    finWait2Timeout: 60_000,
    initialRto: 1_000,
    minRto: 200,
    maxRto: 120_000,
    synRetries: 6,
    synAckRetries: 5,
    dataRetries: 15,
    orphanRetries: 8,
    // Since 6.5 (net/ipv4/tcp_ipv4.c: tcp_sk_init): SYN_SENT retries at a constant RTO before backing off.
    synLinearTimeouts: 4,
    // TCP_TIMEOUT_MIN: 2 jiffies, 2 ms at HZ=1000 (include/net/tcp.h).
    quickSynRetry: 2,
    // tcp_rtt_estimator: the first sample sets SRTT = R and the variance to at least TCP_RTO_MIN.
    rtoFromRtt: (rtt) => rtt + Math.max(2 * rtt, 200),
  },
  resetOnDataAfterClose: true,
  dropsExpiredRequests: true,
  reopenNeedsListener: true,
  differences: LINUX_DIFFERENCES,
};

export const PROFILES: Readonly<Record<ProfileName, Profile>> = { rfc9293: RFC9293_PROFILE, linux: LINUX_PROFILE };

export function findProfile(name: string): Profile | undefined {
  return (PROFILE_NAMES as readonly string[]).includes(name) ? PROFILES[name as ProfileName] : undefined;
}

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

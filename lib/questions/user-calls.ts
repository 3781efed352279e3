import type { BilingualText } from "../content";
import type { TcpEvent, TcpState } from "../tcp";

/**
 * Where a program can make each user call of RFC 9293 3.10.1-3.10.5, so that
 * no question asks about a call nobody can make. The simulator finds which
 * segments and timers a connection meets (reachable-premises.ts); calls are
 * the application's choice, so they are reasoned out here from the sockets
 * API, each with the kernel function that decides it (Linux, net/ipv4).
 *
 * `api: "rfc"` marks a call only RFC 9293's abstract interface can make; its
 * phrase says so, and only the rfc9293 profile asks about it. Calls the
 * table answers with an error are never asked, so they are not listed.
 * Missing on purpose: ABORT in TIME_WAIT. On Linux the application's socket
 * is already CLOSED there (tcp_minisocks.c: tcp_time_wait hands the
 * connection to a timewait socket and calls tcp_done).
 */
export interface UserCallPremise {
  state: TcpState;
  call: Extract<TcpEvent, "passive open" | "active open" | "send" | "close" | "abort">;
  api: "sockets" | "rfc";
  /** The call and the situation that allows it, as the prompt says it. */
  phrase: BilingualText;
  /** Why a program can (or cannot) make it. */
  source: string;
}

const SIMULTANEOUS = { zh: "（它是主动打开的，双方的 SYN 交叉而过：同时打开）", en: " (it opened actively and the two SYNs crossed: a simultaneous open)" };
const HALF_CLOSED = {
  zh: "此前用 shutdown(SHUT_WR) 关闭了发送方向、仍持有套接字的应用中止连接（SO_LINGER 为 0 时调用 close()）",
  en: "the application, which closed its sending side with shutdown(SHUT_WR) and still holds the socket, aborts (close() with SO_LINGER set to 0)",
};
/** shutdown(SHUT_WR), or close() once all received data is read: the FIN goes out either way. */
const CLOSE_OWN_SIDE = {
  zh: "应用关闭发送方向（调用 shutdown(SHUT_WR)，或在已读完收到的数据后对最后一个描述符调用 close()）",
  en: "the application closes its side (shutdown(SHUT_WR), or close() on its last descriptor with all received data read)",
};
const ABORT = { zh: "应用中止连接（SO_LINGER 为 0 时调用 close()）", en: "the application aborts (close() with SO_LINGER set to 0)" };
const ABORT_SOURCE = "tcp.c: tcp_close → tcp_disconnect; tcp_need_reset lists the states that send a reset";
const SHUTDOWN_SOURCE = "tcp.c: tcp_shutdown sends the FIN and keeps the socket the application's; " + ABORT_SOURCE;

export const USER_CALL_PREMISES: readonly UserCallPremise[] = [
  {
    state: "CLOSED",
    call: "passive open",
    api: "sockets",
    phrase: { zh: "应用执行被动打开（调用 listen()）", en: "the application opens passively (listen())" },
    source: "af_inet.c: inet_listen accepts a socket in TCP_CLOSE",
  },
  {
    state: "CLOSED",
    call: "active open",
    api: "sockets",
    phrase: { zh: "应用执行主动打开（调用 connect()）", en: "the application opens actively (connect())" },
    source: "af_inet.c: __inet_stream_connect → tcp_ipv4.c: tcp_v4_connect",
  },
  {
    state: "LISTEN",
    call: "active open",
    api: "rfc",
    phrase: {
      zh: "用户通过 RFC 的抽象接口对这个监听中的 TCB 发出主动 OPEN（套接字 API 做不到：对监听套接字调用 connect() 会以 EISCONN 失败）",
      en: "the user issues an active OPEN on this listening TCB through the RFC's abstract interface (the sockets API cannot: connect() on a listening socket fails with EISCONN)",
    },
    source: "af_inet.c: __inet_stream_connect returns -EISCONN unless sk_state is TCP_CLOSE",
  },
  {
    state: "LISTEN",
    call: "send",
    api: "rfc",
    phrase: {
      zh: "用户通过 RFC 的抽象接口对这个监听中的 TCB 发出指定了远端套接字的 SEND（套接字 API 做不到：对监听套接字调用 send() 会以 EPIPE 失败）",
      en: "the user issues a SEND naming the foreign socket on this listening TCB through the RFC's abstract interface (the sockets API cannot: send() on a listening socket fails with EPIPE)",
    },
    source: "tcp.c: tcp_sendmsg_locked → stream.c: sk_stream_wait_connect returns -EPIPE outside SYN_SENT and SYN_RECV",
  },
  {
    state: "LISTEN",
    call: "close",
    api: "sockets",
    phrase: { zh: "应用关闭这个监听套接字（调用 close()）", en: "the application closes the listening socket (close())" },
    source: "tcp.c: tcp_close sets TCP_CLOSE and calls inet_connection_sock.c: inet_csk_listen_stop",
  },
  {
    state: "LISTEN",
    call: "abort",
    api: "sockets",
    phrase: { zh: "应用中止这个监听套接字（SO_LINGER 为 0 时调用 close()）", en: "the application aborts the listening socket (close() with SO_LINGER set to 0)" },
    source: "tcp.c: tcp_close handles TCP_LISTEN before it looks at SO_LINGER",
  },
  {
    state: "SYN_SENT",
    call: "send",
    api: "sockets",
    phrase: { zh: "握手完成之前，应用调用 send()", en: "the application calls send() before the handshake completes" },
    source: "stream.c: sk_stream_wait_connect makes send() wait in SYN_SENT (or fail with EAGAIN when non-blocking)",
  },
  {
    state: "SYN_SENT",
    call: "close",
    api: "sockets",
    phrase: { zh: "握手完成之前，应用关闭套接字（调用 close()）", en: "the application closes the socket before the handshake completes (close())" },
    source: "tcp.c: tcp_close → tcp_close_state maps TCP_SYN_SENT to TCP_CLOSE without a FIN",
  },
  {
    state: "SYN_SENT",
    call: "abort",
    api: "sockets",
    phrase: { zh: "握手完成之前，" + ABORT.zh, en: ABORT.en + " before the handshake completes" },
    source: ABORT_SOURCE + " (SYN_SENT is not among them)",
  },
  {
    state: "SYN_RECEIVED",
    call: "send",
    api: "sockets",
    phrase: { zh: `应用调用 send()${SIMULTANEOUS.zh}`, en: `the application calls send()${SIMULTANEOUS.en}` },
    source: "a passive open's SYN_RECEIVED connection is not yet accept()ed; after a simultaneous open the socket is the connect()ing one; stream.c: sk_stream_wait_connect waits in SYN_RECV",
  },
  {
    state: "SYN_RECEIVED",
    call: "close",
    api: "sockets",
    phrase: { zh: `应用调用 close()${SIMULTANEOUS.zh}`, en: `the application calls close()${SIMULTANEOUS.en}` },
    source: "tcp.c: tcp_close_state maps TCP_SYN_RECV to TCP_FIN_WAIT1 with a FIN",
  },
  {
    state: "SYN_RECEIVED",
    call: "abort",
    api: "sockets",
    phrase: { zh: `应用在 SO_LINGER 为 0 时调用 close() 中止连接${SIMULTANEOUS.zh}`, en: `the application aborts, calling close() with SO_LINGER set to 0${SIMULTANEOUS.en}` },
    source: ABORT_SOURCE,
  },
  {
    state: "ESTABLISHED",
    call: "send",
    api: "sockets",
    phrase: { zh: "应用调用 send() 发送数据", en: "the application sends data (send())" },
    source: "tcp.c: tcp_sendmsg_locked",
  },
  {
    state: "ESTABLISHED",
    call: "close",
    api: "sockets",
    phrase: CLOSE_OWN_SIDE,
    source: "tcp.c: tcp_shutdown and tcp_close → tcp_close_state; tcp_close sends a reset instead when received data is unread",
  },
  { state: "ESTABLISHED", call: "abort", api: "sockets", phrase: ABORT, source: ABORT_SOURCE },
  { state: "FIN_WAIT_1", call: "abort", api: "sockets", phrase: HALF_CLOSED, source: SHUTDOWN_SOURCE },
  { state: "FIN_WAIT_2", call: "abort", api: "sockets", phrase: HALF_CLOSED, source: SHUTDOWN_SOURCE },
  {
    state: "CLOSE_WAIT",
    call: "send",
    api: "sockets",
    phrase: { zh: "应用调用 send() 发送数据（对端只关闭了它的发送方向）", en: "the application sends data (send(); the peer has closed only its own side)" },
    source: "tcp.c: tcp_sendmsg_locked sends in TCP_CLOSE_WAIT",
  },
  {
    state: "CLOSE_WAIT",
    call: "close",
    api: "sockets",
    phrase: CLOSE_OWN_SIDE,
    source: "tcp.c: tcp_close_state maps TCP_CLOSE_WAIT to TCP_LAST_ACK with a FIN",
  },
  { state: "CLOSE_WAIT", call: "abort", api: "sockets", phrase: ABORT, source: ABORT_SOURCE },
  { state: "CLOSING", call: "abort", api: "sockets", phrase: HALF_CLOSED, source: SHUTDOWN_SOURCE },
  { state: "LAST_ACK", call: "abort", api: "sockets", phrase: HALF_CLOSED, source: SHUTDOWN_SOURCE },
];

/** The entry for `call` in `state`, if a program (or, with `api: "rfc"`, the RFC's interface) can make it. */
export function userCallPremise(state: TcpState, call: TcpEvent): UserCallPremise | undefined {
  return USER_CALL_PREMISES.find((entry) => entry.state === state && entry.call === call);
}

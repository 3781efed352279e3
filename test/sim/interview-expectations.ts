import type { ProfileName, TcpState } from "@/lib/tcp";
import { ISN_TICKS_PER_MS, OLDER_PRESENT, RECONNECT_AT } from "@/lib/sim";
import { relativeTo, segment as seg, type ExpectedSegment, type Isn } from "./builders";

/** Both ends' states and every segment of an interview scenario, relative to the ISNs, under one profile. */
export interface InterviewExpectation {
  client: TcpState[];
  server: TcpState[];
  segments: ExpectedSegment[];
  lost?: number[];
  errors?: string[];
}

/** The ISN clock's reading at `t` ms, relative to the first ISN (RFC 9293 3.4.1: 4 µs ticks). */
const clock = (t: number) => ISN_TICKS_PER_MS * t;

/** The client reconnects at RECONNECT_AT; the server's ISN clock is read when the SYN arrives 50 ms later. */
const CLIENT_ISS = clock(RECONNECT_AT);
/** A retried SYN, RTO (1 s) after the first, meets the listener 50 ms later. */
/**
 * The retried SYN: after the RTO under RFC 9293 (1 s), 2 ms after the bad ACK
 * under Linux (tcp_rcv_synsent_state_process, TCP_TIMEOUT_MIN); the server
 * reads its ISN clock when it arrives.
 */
const retriedServerIss = (profile: ProfileName) => (profile === "linux" ? clock(RECONNECT_AT + 152) : clock(2 * RECONNECT_AT + 50));

const ACTIVE_CLOSE: TcpState[] = ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"];
const PASSIVE_CLOSE: TcpState[] = ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"];
const RESET = (profile: ProfileName) => (profile === "linux" ? "ECONNRESET" : "connection reset");

type Expect = (isn: Isn, profile: ProfileName) => InterviewExpectation;

/** The four segments of the close that leaves the server in TIME_WAIT; `pre` bytes were sent by the client before. */
function serverClose(isn: Isn, pre: number): ExpectedSegment[] {
  const { c, s } = relativeTo(isn);
  return [
    seg("server", "FIN+ACK", s(1), c(pre + 1)),
    seg("client", "ACK", c(pre + 1), s(2)),
    seg("client", "FIN+ACK", c(pre + 1), s(2)),
    seg("server", "ACK", s(2), c(pre + 2)),
  ];
}

export const INTERVIEW_EXPECTED: Record<string, Expect> = {
  "out-of-order-fin": (isn) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ACTIVE_CLOSE,
      server: PASSIVE_CLOSE,
      segments: [
        seg("client", "ACK", c(1), s(1), 100),
        seg("client", "FIN+ACK", c(101), s(1)),
        // The FIN arrives first: held, and a duplicate ACK still asks for c(1).
        seg("server", "ACK", s(1), c(1)),
        // The data fills the gap; the held FIN follows, and one ACK covers both.
        seg("server", "ACK", s(1), c(102)),
        seg("server", "FIN+ACK", s(1), c(102)),
        seg("client", "ACK", c(102), s(2)),
      ],
    };
  },
  "syn-to-time-wait-newer": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    // Linux: the old SND.NXT + 65537 (tcp_timewait_state_process); RFC 9293: the ISN clock, above the old SND.NXT.
    const serverIss = profile === "linux" ? 2 + 65_537 : clock(RECONNECT_AT + 50);
    return {
      client: ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED", "SYN_SENT", "ESTABLISHED"],
      server: ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "SYN_RECEIVED", "ESTABLISHED"],
      segments: [
        ...serverClose(isn, 0),
        seg("client", "SYN", c(CLIENT_ISS), null),
        seg("server", "SYN+ACK", s(serverIss), c(CLIENT_ISS + 1)),
        seg("client", "ACK", c(CLIENT_ISS + 1), s(serverIss + 1)),
      ],
    };
  },
  "syn-to-time-wait-older": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED", "SYN_SENT", "ESTABLISHED"],
      server: ["ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
      segments: [
        ...serverClose(isn, OLDER_PRESENT),
        seg("client", "SYN", c(CLIENT_ISS), null),
        // At or below RCV.NXT: TIME_WAIT answers <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
        seg("server", "ACK", s(2), c(OLDER_PRESENT + 2)),
        // SYN_SENT: an ACK that does not acknowledge our SYN is answered <SEQ=SEG.ACK><CTL=RST>, which kills the TIME_WAIT.
        seg("client", "RST", c(OLDER_PRESENT + 2), null),
        seg("client", "SYN", c(CLIENT_ISS), null),
        seg("server", "SYN+ACK", s(retriedServerIss(profile)), c(CLIENT_ISS + 1)),
        seg("client", "ACK", c(CLIENT_ISS + 1), s(retriedServerIss(profile) + 1)),
      ],
    };
  },
  "syn-on-established": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ["ESTABLISHED", "CLOSED", "SYN_SENT", "ESTABLISHED"],
      server: ["ESTABLISHED", "CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
      segments: [
        seg("client", "SYN", c(CLIENT_ISS), null),
        // RFC 9293 Figure 9, line 4 (RFC 5961 4): the challenge ACK names what the old connection expects.
        seg("server", "ACK", s(1), c(1)),
        seg("client", "RST", c(1), null),
        seg("client", "SYN", c(CLIENT_ISS), null),
        seg("server", "SYN+ACK", s(retriedServerIss(profile)), c(CLIENT_ISS + 1)),
        seg("client", "ACK", c(CLIENT_ISS + 1), s(retriedServerIss(profile) + 1)),
      ],
      errors: [`server: rcv RST: ${RESET(profile)}`],
    };
  },
  "half-open-discovery": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    return {
      client: ["ESTABLISHED", "CLOSED"],
      server: ["ESTABLISHED", "CLOSED"],
      // RFC 9293 Figure 10: <SEQ=300><ACK=100><DATA=10><CTL=ACK>, answered <SEQ=100><CTL=RST>.
      segments: [seg("server", "ACK", s(1), c(1), 10), seg("client", "RST", c(1), null)],
      errors: [`server: rcv RST: ${RESET(profile)}`],
    };
  },
  "keepalive-dead-peer": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    const probes = Array.from({ length: 9 }, () => seg("client", "ACK", c(0), s(1)));
    const reset = profile === "linux" ? [seg("client", "RST+ACK", c(1), s(1))] : [];
    return {
      client: ["ESTABLISHED", "CLOSED"],
      server: ["ESTABLISHED", "CLOSED"],
      segments: [...probes, ...reset],
      lost: Array.from({ length: probes.length + reset.length }, (_, i) => i + 1),
      errors: [`client: keepalive timeout: ${profile === "linux" ? "ETIMEDOUT" : "connection aborted: no answer to keep-alive probes"}`],
    };
  },
  "self-connect": (isn) => {
    const { c } = relativeTo(isn);
    return {
      client: ["CLOSED", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"],
      server: ["CLOSED"],
      segments: [
        { ...seg("client", "SYN", c(0), null), to: "client" },
        { ...seg("client", "SYN+ACK", c(0), c(1)), to: "client" },
      ],
    };
  },
  "accept-queue-full": (isn, profile) => {
    const { c, s } = relativeTo(isn);
    const handshake = [seg("client", "SYN", c(0), null), seg("server", "SYN+ACK", s(0), c(1)), seg("client", "ACK", c(1), s(1))];
    // Linux drops the final ACK twice; after accept() the third SYN+ACK draws the ACK that completes the connection.
    const retries = [seg("server", "SYN+ACK", s(0), c(1)), seg("client", "ACK", c(1), s(1))];
    return {
      client: ["CLOSED", "SYN_SENT", "ESTABLISHED"],
      server: ["LISTEN", "SYN_RECEIVED", "ESTABLISHED"],
      segments: profile === "linux" ? [...handshake, ...retries, ...retries] : handshake,
    };
  },
};

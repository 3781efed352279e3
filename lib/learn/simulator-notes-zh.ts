import type { TraceStep } from "../sim";

/*
 * The Chinese of the notes the simulator writes itself (lib/sim/simulator.ts
 * and lib/sim/notes.ts), not the transition table's: each English note as a
 * pattern, its numbers and flags carried into the Chinese. A note changed
 * there needs its pattern changed here; test/learn/step-note.test.ts finds
 * any step of any scenario left without Chinese.
 */

const WITHHELD = / The ACK is withheld: one went out less than (\d+) ms ago \(rate limit, as Linux's tcp_invalid_ratelimit\)\.$/;
const QUICK_SYN_RETRY = / Linux resends its SYN (\d+) ms later instead of after the RTO: the peer's old state is likely gone \(once, before any retransmission\)\.$/;

/** Pattern and Chinese rendering of each note the simulator writes itself. */
const SIMULATOR_NOTES: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^Segment (\d+) \((.+)\) is lost in the network\.$/, (n, flags) => `第 ${n} 个报文段（${flags}）在网络中丢失。`],
  [
    /^An old duplicate (.+) from an earlier connection between the same ports reaches the network\.$/,
    (flags) => `一个来自同一对端口上早先连接的旧重复 ${flags} 报文段进入了网络。`,
  ],
  [/^The delayed ACK goes out: nothing came along to carry it\.$/, () => "延迟确认到期，ACK 单独发出：没有其他报文段可以捎带它。"],
  [
    /^No acknowledgment after (\d+) retransmissions: give up, delete the TCB\.$/,
    (n) => `重传 ${n} 次后仍未收到确认：放弃连接，删除传输控制块（TCB）。`,
  ],
  [
    /^Retransmission timeout: send the oldest unacknowledged segment \((.+), (\d+) bytes\) again\.$/,
    (flags, bytes) => `重传超时：再次发送最早未被确认的报文段（${flags}，${bytes} 字节）。`,
  ],
  [
    /^(\d+) bytes of data delivered in order \(RCV\.NXT=(\d+)\); acknowledge them\.$/,
    (bytes, rcvNxt) => `按序交付 ${bytes} 字节数据（RCV.NXT=${rcvNxt}），并确认它们。`,
  ],
  [/^An ACK of data: SND\.UNA advances, the state stays\.$/, () => "对数据的确认：SND.UNA 前移，状态不变。"],
  [/^A reset whose ACK does not acknowledge our SYN: drop it\.$/, () => "这个复位报文段的 ACK 没有确认我方的 SYN：丢弃它。"],
  [
    /^Its ACK \((\d+)\) does not acknowledge our SYN \(SEG\.ACK must be ISS\+1 = (\d+)\): send <SEQ=SEG\.ACK><CTL=RST> and drop it\.$/,
    (ack, expected) => `它的 ACK（${ack}）没有确认我方的 SYN（SEG.ACK 应为 ISS+1 = ${expected}）：发送 <SEQ=SEG.ACK><CTL=RST> 并丢弃它。`,
  ],
  [/^A reset without ACK cannot be validated in SYN_SENT: drop it\.$/, () => "在 SYN_SENT 中无法验证不带 ACK 的复位报文段：丢弃它。"],
  [
    /^A reset in the window but not at RCV\.NXT \((\d+)\): send a challenge ACK and drop it \(RFC 5961\)\.$/,
    (rcvNxt) => `复位报文段落在接收窗口内，但不等于 RCV.NXT（${rcvNxt}）：发送挑战 ACK（challenge ACK）并丢弃它（RFC 5961）。`,
  ],
  [/^A reset outside the window: drop it silently\.$/, () => "复位报文段落在接收窗口之外：直接丢弃。"],
  [
    /^SEQ=(\d+) is outside the receive window \[(\d+), (\d+)\): an old or stray segment\. Send <SEQ=SND\.NXT><ACK=RCV\.NXT><CTL=ACK> and drop it\.$/,
    (seq, low, high) => `SEQ=${seq} 在接收窗口 [${low}, ${high}) 之外：这是旧的或迷途的报文段。发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 并丢弃它。`,
  ],
  [
    /^SEQ=(\d+) is ahead of RCV\.NXT=(\d+): a gap before it\. This simulator does not hold out-of-order segments; it sends a duplicate ACK and the sender retransmits\.$/,
    (seq, rcvNxt) => `SEQ=${seq} 超前于 RCV.NXT=${rcvNxt}：它前面有空缺。本模拟器不缓存乱序报文段，而是发送重复 ACK，由发送方重传。`,
  ],
  // lib/sim/notes.ts
  [
    /^SEQ=(\d+) is ahead of RCV\.NXT=(\d+): a gap before it\. The segment \((.+)\) is held until the gap fills, to be processed in sequence \(3\.10\.7\.4, SHLD-31\); a duplicate ACK tells the sender what is missing \(MAY-13\)\.$/,
    (seq, rcvNxt, contents) =>
      `SEQ=${seq} 超前于 RCV.NXT=${rcvNxt}：它前面有空缺。该报文段（${heldContentsZh(contents)}）被暂存，等空缺补上后再按序处理（3.10.7.4，SHLD-31）；重复 ACK 告诉发送方缺了什么（MAY-13）。`,
  ],
  [
    /^(\d+) bytes of data delivered in order \(RCV\.NXT=(\d+)\); held segment #(\d+) is now in order and is processed next, so one ACK covers both \(3\.10\.7\.4, MUST-59\)\.$/,
    (bytes, rcvNxt, n) => `按序交付 ${bytes} 字节数据（RCV.NXT=${rcvNxt}）；暂存的第 ${n} 个报文段现在按序了，接着处理它，所以一个 ACK 同时确认两者（3.10.7.4，MUST-59）。`,
  ],
  [
    /^SEQ=(\d+) lies beyond the peer's FIN \(RCV\.NXT=(\d+)\): nothing can follow a FIN, so the text is ignored \(3\.10\.7\.4, seventh check\)\. Send <SEQ=SND\.NXT><ACK=RCV\.NXT><CTL=ACK> and drop it\.$/,
    (seq, rcvNxt) => `SEQ=${seq} 位于对端的 FIN 之后（RCV.NXT=${rcvNxt}）：FIN 之后不可能还有数据，所以其中的数据被忽略（3.10.7.4，第七项检查）。发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> 并丢弃它。`,
  ],
  [/^A duplicate ACK \(SEG\.ACK=SND\.UNA=(\d+)\): nothing new is acknowledged; the state stays\.$/, (ack) => `重复 ACK（SEG.ACK=SND.UNA=${ack}）：没有确认任何新内容；状态不变。`],
  [
    /^The (client|server)'s host crashes and stays down: its TCB is lost and nothing is sent \(no FIN, no RST\), so its peer is not told \(3\.5\.1\); nothing sent to it will be answered\.$/,
    (side) => `${sideZh(side)}的主机崩溃且没有恢复：它的传输控制块（TCB）丢失，什么也没有发送（没有 FIN，也没有 RST），所以对端并不知情（3.5.1）；发给它的报文段都不会得到回应。`,
  ],
  [
    /^The (client|server)'s host crashes and reboots: its TCB is lost and nothing is sent \(no FIN, no RST\), so its peer is not told \(3\.5\.1\); the rebooted stack answers what arrives as CLOSED does\.$/,
    (side) => `${sideZh(side)}的主机崩溃后重启：它的传输控制块（TCB）丢失，什么也没有发送（没有 FIN，也没有 RST），所以对端并不知情（3.5.1）；重启后的协议栈像 CLOSED 状态那样回应到达的报文段。`,
  ],
  [
    /^Segment (\d+) \((.+)\) reaches the (client|server)'s host, which is down: nothing receives it and nothing answers\.$/,
    (n, flags, side) => `第 ${n} 个报文段（${flags}）到达${sideZh(side)}的主机，但该主机已宕机：没有谁接收它，也没有任何回应。`,
  ],
  [
    /^The connection's TCB is gone, but a listening socket still owns the port: a segment to the port now meets the listener \(LISTEN\), as after a passive OPEN \(3\.10\.1\)\.$/,
    () => "该连接的传输控制块（TCB）已不存在，但端口仍归一个监听套接字所有：此后发往该端口的报文段会遇到监听套接字（LISTEN），如同被动打开（passive OPEN）之后（3.10.1）。",
  ],
  [
    /^Keep-alive probe (\d+) of (\d+): nothing heard from the peer for ([\d.]+) s and nothing outstanding, so send <SEQ=SND\.NXT-1><ACK=RCV\.NXT><CTL=ACK> with no data, which a live peer answers with an ACK \(3\.8\.4; RFC 1122 4\.2\.3\.6\)\.$/,
    (n, of, idle) =>
      `第 ${n} 个保活探测（共 ${of} 个）：已有 ${idle} 秒没有收到对端的任何报文段，也没有未确认的数据，于是发送不带数据的 <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>，活着的对端会用 ACK 回应它（3.8.4；RFC 1122 4.2.3.6）。`,
  ],
  [
    /^No answer to (\d+) keep-alive probes ([\d.]+) s apart: the peer is taken for dead\. Linux sends <SEQ=SND\.NXT><ACK=RCV\.NXT><CTL=RST,ACK>, deletes the socket and reports ETIMEDOUT\.$/,
    (probes, interval) => `${probes} 个间隔 ${interval} 秒的保活探测都没有得到回应：认为对端已死。Linux 发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>，删除套接字，并报告 ETIMEDOUT。`,
  ],
  [
    /^No answer to (\d+) keep-alive probes ([\d.]+) s apart: the connection is given up, the user told and the TCB deleted; nothing is sent\. RFC 9293 sets no probe count \(3\.8\.4 forbids only giving up on one unanswered probe, MUST-29\); this profile takes Linux's\.$/,
    (probes, interval) =>
      `${probes} 个间隔 ${interval} 秒的保活探测都没有得到回应：放弃连接，通知用户并删除传输控制块（TCB）；不发送任何报文段。RFC 9293 没有规定探测次数（3.8.4 只禁止因一次探测无回应就放弃，MUST-29）；这个行为模型采用 Linux 的次数。`,
  ],
  [
    /^Another client's connection completes its handshake and joins the accept queue: (.+?); the queue is full when it holds more than the backlog\.( RFC 9293 has no accept queue \(the backlog belongs to the sockets API\), so this profile does not act on it\.)?$/,
    (queue, rfc) =>
      `另一个客户端的连接完成握手，进入全连接队列（accept 队列）：${queueZh(queue)}；队列中的连接数超过 backlog 时，队列就满了。` +
      (rfc ? "RFC 9293 没有全连接队列（backlog 属于套接字 API），所以这个行为模型不对它作出处理。" : ""),
  ],
  [
    /^The application calls accept\(\), but no connection waits: it blocks until one completes\.$/,
    () => "应用程序调用 accept()，但没有等待中的连接：它会阻塞，直到有连接完成握手。",
  ],
  [/^The application calls accept\(\) and takes the oldest connection off the queue: (.+)\.$/, (queue) => `应用程序调用 accept()，从队列中取走最早的连接：${queueZh(queue)}。`],
  [
    /^The accept queue is full \((.+)\): the listener drops the SYN without an answer, and the client's retransmission timer will send it again\.$/,
    (queue) => `全连接队列已满（${queueZh(queue)}）：监听套接字丢弃该 SYN，不作回应；客户端的重传定时器会再次发送它。`,
  ],
  [
    /^The accept queue is full \((.+)\): no socket can be made for this connection, so its final ACK is dropped \(tcp_abort_on_overflow = 0\)\. The request stays in SYN_RECEIVED and its timer resends the SYN\+ACK, while the client already believes the connection ESTABLISHED\.$/,
    (queue) =>
      `全连接队列已满（${queueZh(queue)}）：无法为这个连接创建套接字，所以它最后的 ACK 被丢弃（tcp_abort_on_overflow = 0）。该请求停留在 SYN_RECEIVED，由定时器重发 SYN+ACK，而客户端已经认为连接处于 ESTABLISHED。`,
  ],
  [
    /^The accept queue is full \((.+)\) and tcp_abort_on_overflow = 1: the final ACK is answered <SEQ=SEG\.ACK><CTL=RST> and the request is dropped; the listener goes on listening\.$/,
    (queue) => `全连接队列已满（${queueZh(queue)}），且 tcp_abort_on_overflow = 1：对最后的 ACK 回复 <SEQ=SEG.ACK><CTL=RST>，并丢弃该请求；监听套接字继续监听。`,
  ],
  [
    /^(\d+) bytes of new data arrive after the application called close\(\): nobody will read them, so the socket is reset and answers <SEQ=SEG\.ACK><CTL=RST> \(RFC 1122 4\.2\.2\.13; Linux counts it as TCPAbortOnData\)\.$/,
    (bytes) => `应用程序调用 close() 之后又到达 ${bytes} 字节新数据：再也没有人会读取它们，所以套接字被重置，并回复 <SEQ=SEG.ACK><CTL=RST>（RFC 1122 4.2.2.13；Linux 将其计入 TCPAbortOnData）。`,
  ],
  [
    /^No ACK after (\d+) retransmissions of the SYN\+ACK \(tcp_synack_retries\): the request is dropped without a segment and the listener goes on listening\.$/,
    (n) => `SYN+ACK 重传 ${n} 次后仍未收到 ACK（tcp_synack_retries）：该连接请求被丢弃，不发送任何报文段，监听套接字继续监听。`,
  ],
  [/^The ACK bit is off: drop the segment\.$/, () => "ACK 位没有置位：丢弃该报文段。"],
  [
    /^ACK=(\d+) acknowledges something not yet sent \(SND\.NXT=(\d+)\): send an ACK and drop it\.$/,
    (ack, sndNxt) => `ACK=${ack} 确认了尚未发送的内容（SND.NXT=${sndNxt}）：发送一个 ACK 并丢弃它。`,
  ],
  [
    /^Its ACK \((\d+)\) does not acknowledge our SYN: in SYN_RECEIVED an unacceptable ACK is answered <SEQ=SEG\.ACK><CTL=RST>\.$/,
    (ack) => `它的 ACK（${ack}）没有确认我方的 SYN：在 SYN_RECEIVED 中，不可接受的 ACK 以 <SEQ=SEG.ACK><CTL=RST> 回应。`,
  ],
];

/** The Chinese of a note the simulator wrote itself, or undefined for one not listed here. */
export function simulatorNoteZh(step: Pick<TraceStep, "note">): string | undefined {
  const quick = QUICK_SYN_RETRY.exec(step.note);
  if (quick) {
    const text = simulatorNoteZh({ note: step.note.slice(0, quick.index) });
    return text && `${text}Linux 在 ${quick[1]} 毫秒后就重发 SYN，而不是等待 RTO：对端的旧状态很可能已经消失（只此一次，且仅在尚未重传过时）。`;
  }
  const withheld = WITHHELD.exec(step.note);
  const note = withheld ? step.note.slice(0, withheld.index) : step.note;
  for (const [pattern, render] of SIMULATOR_NOTES) {
    const match = pattern.exec(note);
    if (!match) continue;
    const text = render(...match.slice(1));
    return withheld ? `${text}ACK 暂不发送：上一个 ACK 发出还不到 ${withheld[1]} 毫秒（限速，类似 Linux 的 tcp_invalid_ratelimit）。` : text;
  }
  return undefined;
}

const SIDES_ZH: Record<string, string> = { client: "客户端", server: "服务器" };

function sideZh(side: string): string {
  return SIDES_ZH[side] ?? side;
}

/** "2 connections wait for accept(), backlog 1" (lib/sim/accept-queue.ts: describeQueue). */
function queueZh(queue: string): string {
  const match = /^(\d+) connections? waits? for accept\(\), backlog (\d+)$/.exec(queue);
  return match ? `${match[1]} 个连接等待 accept()，backlog 为 ${match[2]}` : queue;
}

/** "200 bytes", "FIN", "200 bytes and FIN" (lib/sim/reassembly.ts: heldContents). */
function heldContentsZh(contents: string): string {
  return contents.replace(/^(\d+) bytes/, "$1 字节数据").replace(/ and FIN$/, "和 FIN");
}

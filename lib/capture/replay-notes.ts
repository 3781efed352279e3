import type { SimEvent } from "../sim";
import { PROFILES, type Flags, type Outcome, type ProfileName, type TcpEvent, type TcpState } from "../tcp";
import { zhNoteOf } from "../tcp/notes-zh";
import { MARK_RULES, type SegmentMark } from "./segment-marks";
import type { SegmentNote } from "./replay-connection";

/*
 * What the replay writes about a capture, in both languages, each sentence
 * with the rule behind it. The machine's own notes come from its table (and
 * lib/tcp/notes-zh.ts); these are the ones only a capture needs.
 */

const SIDE_ZH = { client: "客户端", server: "服务器" } as const;

const CALLS_ZH: Partial<Record<TcpEvent, string>> = { "passive open": "被动打开", "active open": "主动打开", send: "调用 send", close: "调用 close", abort: "调用 abort", timeout: "超时" };

function eventZh(event: TcpEvent): string {
  return event.startsWith("rcv ") ? `收到 ${event.slice(4)}` : (CALLS_ZH[event] ?? event);
}

function profileLabel(profile: ProfileName): { en: string; zh: string } {
  return PROFILES[profile].label;
}

function markText(mark: SegmentMark): { en: string; zh: string } {
  const of = mark.of === undefined ? "" : ` #${mark.of}`;
  switch (mark.kind) {
    case "retransmission":
      return { en: `Retransmission of${of || " a segment sent earlier"}: its sender had sent this sequence space before and no ACK covered it in time.`, zh: `重传${of ? `第 ${mark.of} 个报文段` : "先前发送过的报文段"}：发送方之前已发送过这段序号空间，且没有及时收到覆盖它的 ACK。` };
    case "fast retransmission":
      return { en: `Fast retransmission of${of}: three duplicate ACKs came first, so it is sent again without waiting for the timer.`, zh: `快速重传第 ${mark.of ?? "?"} 个报文段：之前已收到三个重复 ACK，所以不等重传定时器到期就重发。` };
    case "spurious retransmission":
      return {
        en: `Spurious retransmission of${of || " a segment"}: its receiver had already acknowledged all of it (or that acknowledgment was lost after the capture point).`,
        zh: `虚假重传${of ? `（第 ${mark.of} 个报文段）` : ""}：接收方早已确认了它的全部内容（或者那个确认在抓包点之后丢失了）。`,
      };
    case "never received":
      return { en: "Never received: it was sent again later, and nothing its receiver sent in between acknowledged it, so it was evidently lost after the capture point.", zh: "对端没有收到：发送方后来重发了它，而在此期间接收方发出的报文段都没有确认它，可见它在抓包点之后丢失了。" };
    case "duplicate":
      return { en: `The same packet as${of} seen again (the same IP identification, or within a millisecond): captured twice or duplicated by the network; the receiver drops the copy as old.`, zh: `与第 ${mark.of ?? "?"} 个报文段是同一个数据包，再次被看到（IP 标识相同，或相隔不到 1 毫秒）：被抓了两次或被网络复制；接收方把这份副本当作旧报文丢弃。` };
    case "out of order":
      return { en: "Out of order: sent before a segment that arrived ahead of it; the receiver holds later data until this gap fills.", zh: "乱序：它先于某个报文段发出，却落在其后到达；接收方会暂存后面的数据，直到这个空缺被补上。" };
    case "gap":
      return { en: "It begins beyond everything its sender had sent: a segment before it is missing from the capture.", zh: "它的序号超出了发送方此前发出的全部内容：抓包中缺了它前面的报文段。" };
    case "duplicate ack":
      return { en: `Duplicate ACK ${mark.count ?? ""}: it acknowledges nothing new while data is outstanding, a sign that a segment is missing (three of them start a fast retransmission).`.replace("ACK :", "ACK:"), zh: `第 ${mark.count ?? "?"} 个重复 ACK：在仍有数据未确认时没有确认任何新数据，说明有报文段缺失（连续三个会触发快速重传）。` };
    case "keepalive":
      return { en: "Keep-alive probe: SEQ is SND.NXT−1 on an idle connection, so a live peer answers with an ACK.", zh: "保活探测：在空闲连接上以 SND.NXT−1 为序号发送，活着的对端会回一个 ACK。" };
    case "acked unseen":
      return { en: "It acknowledges bytes the capture never showed: the capture missed a segment.", zh: "它确认了抓包中从未出现过的字节：抓包漏掉了某个报文段。" };
  }
}

export const replayNotes = {
  mark(mark: SegmentMark): SegmentNote {
    return { kind: mark.kind, ...markText(mark), rule: MARK_RULES[mark.kind] };
  },

  unexpectedSend(side: "client" | "server", from: TcpState, event: TcpEvent, expected: Flags | null, sent: Flags, rfc: string, profile: ProfileName, kernel?: string): SegmentNote {
    const label = profileLabel(profile);
    const want = expected ?? "nothing";
    const wantZh = expected ?? "不发送报文段";
    return {
      kind: "unexpected",
      en: `${label.en} does not expect this: in ${from}, ${event} sends ${want}, but the ${side} sent ${sent}.`,
      zh: `${label.zh} 预期不到这一点：在 ${from} 状态下，${eventZh(event)} 应当${expected ? `发送 ${wantZh}` : wantZh}，而${SIDE_ZH[side]}发送的是 ${sent}。`,
      rule: kernel ? `RFC 9293 ${rfc}; Linux ${kernel}` : `RFC 9293 ${rfc}`,
    };
  },

  owedOther(side: "client" | "server", n: number, owed: Flags, sent: Flags, profile: ProfileName): SegmentNote {
    const label = profileLabel(profile);
    return {
      kind: "unexpected",
      en: `${label.en} expects the ${side} to answer segment #${n} with ${owed}; it sent ${sent} instead.`,
      zh: `按 ${label.zh}，${SIDE_ZH[side]}应当用 ${owed} 回应第 ${n} 个报文段，实际却发送了 ${sent}。`,
      rule: "RFC 9293 3.10.7",
    };
  },

  neverAnswered(side: "client" | "server", n: number, owed: Flags, profile: ProfileName): SegmentNote {
    const label = profileLabel(profile);
    return {
      kind: "unexpected",
      en: `${label.en} expects the ${side} to answer this segment with ${owed}; the capture shows no answer.`,
      zh: `按 ${label.zh}，${SIDE_ZH[side]}应当用 ${owed} 回应这个报文段（第 ${n} 个），但抓包中没有这个回应。`,
      rule: "RFC 9293 3.10.7",
    };
  },

  retransmitted(flags: Flags, marks: readonly SegmentMark[]): { en: string; zh: string } {
    const mark = marks.find((m) => m.kind.endsWith("retransmission"));
    const of = mark?.of === undefined ? "" : ` (#${mark.of})`;
    if (mark?.kind === "fast retransmission") {
      return { en: `Three duplicate ACKs: send the missing segment${of} (${flags}) again at once, without waiting for the timer (RFC 5681 3.2).`, zh: `收到三个重复 ACK：立即重发缺失的报文段${mark.of ? `（第 ${mark.of} 个）` : ""}（${flags}），不等重传定时器（RFC 5681 3.2）。` };
    }
    return {
      en: `Retransmission: the segment${of} (${flags}) was not acknowledged before the retransmission timer ran out, so it is sent again (3.8.1).`,
      zh: `重传：报文段${mark?.of ? `（第 ${mark.of} 个）` : ""}（${flags}）在重传定时器到期前没有被确认，于是再次发送（3.8.1）。`,
    };
  },

  quietAck(event: SimEvent): { en: string; zh: string; rfc: string } {
    if (event === "keepalive probe") {
      return { en: "A keep-alive probe: SEQ=SND.NXT−1 with no data, which a live peer answers with an ACK (3.8.4).", zh: "保活探测：序号为 SND.NXT−1、不带数据，活着的对端会回一个 ACK（3.8.4）。", rfc: "3.8.4" };
    }
    if (event === "ack timer") {
      return { en: "The delayed ACK goes out: nothing came along to carry it.", zh: "延迟确认到期，ACK 单独发出：没有其他报文段可以捎带它。", rfc: "3.8.6.3" };
    }
    return { en: "An ACK that acknowledges nothing new: a window update or a repeated ACK; the state stays.", zh: "一个没有确认新内容的 ACK：窗口更新或重复的 ACK，状态不变。", rfc: "3.8.6" };
  },

  answerLater(n: number, flags: Flags): { en: string; zh: string } {
    return {
      en: `The answer to segment #${n} goes out (${flags}); other segments were on the wire meanwhile, so the state does not change now.`,
      zh: `对第 ${n} 个报文段的回应（${flags}）发出；其间线路上还有其他报文段，所以此刻状态不变。`,
    };
  },

  dataNote(bytes: number, rcvNxt: number): string {
    return bytes > 0 ? `${bytes} bytes of data delivered in order (RCV.NXT=${rcvNxt}); acknowledge them.` : "An ACK of data: SND.UNA advances, the state stays.";
  },

  held(seq: number, rcvNxt: number): { en: string; zh: string } {
    return {
      en: `SEQ=${seq} is ahead of RCV.NXT=${rcvNxt}: a gap before it. The segment is held until the gap fills, and a duplicate ACK tells the sender what is missing (3.10.7.4).`,
      zh: `SEQ=${seq} 超前于 RCV.NXT=${rcvNxt}：它前面有空缺。这个报文段被暂存，直到空缺补齐；同时用重复 ACK 告诉发送方缺了什么（3.10.7.4）。`,
    };
  },

  dataAfterClose(bytes: number): { en: string; zh: string } {
    return {
      en: `${bytes} bytes of new data arrive after the application called close(): nobody will read them, so Linux resets the connection (RFC 1122 4.2.2.13).`,
      zh: `应用程序调用 close() 之后又到达了 ${bytes} 字节新数据：没有人会再读取它们，所以 Linux 复位连接（RFC 1122 4.2.2.13）。`,
    };
  },

  /** What a timer step adds: the profile's duration, and whether the capture still saw it. */
  timerNote(from: TcpState, profile: ProfileName, afterCapture: boolean): { en: string; zh: (outcome: Outcome) => string } {
    const timers = PROFILES[profile].timers;
    const seconds = (ms: number | null) => (ms ?? 0) / 1000;
    const what =
      from === "TIME_WAIT"
        ? {
            en: ` (${PROFILES[profile].label.en}: TIME_WAIT lasts ${seconds(timers.timeWait)} s.)`,
            zh: `（${PROFILES[profile].label.zh}：TIME_WAIT 持续 ${seconds(timers.timeWait)} 秒。）`,
          }
        : {
            en: ` (Linux: an orphaned FIN_WAIT_2 lasts tcp_fin_timeout, ${seconds(timers.finWait2Timeout)} s; this assumes the application called close(), since after shutdown() it would wait for the peer's FIN.)`,
            zh: `（Linux：孤儿 FIN_WAIT_2 持续 tcp_fin_timeout，即 ${seconds(timers.finWait2Timeout)} 秒；这里假定应用程序调用的是 close()，若调用的是 shutdown()，它会一直等待对端的 FIN。）`,
          };
    const after = afterCapture ? { en: " The capture had ended by then: only the timer tells.", zh: "此时抓包已经结束：只能由定时器推断。" } : { en: "", zh: "" };
    return { en: `${what.en}${after.en}`, zh: (outcome) => `${zhNoteOf(outcome) ?? outcome.note}${what.zh}${after.zh}` };
  },
};

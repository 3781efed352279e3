import { describe, expect, it } from "vitest";
import { simulatorNoteZh } from "@/lib/learn/simulator-notes-zh";

const zh = (note: string) => simulatorNoteZh({ note });

describe("simulatorNoteZh", () => {
  it("carries numbers, flags and sides into the Chinese", () => {
    expect(zh("Segment 10 (RST+ACK) reaches the server's host, which is down: nothing receives it and nothing answers.")).toBe(
      "第 10 个报文段（RST+ACK）到达服务器的主机，但该主机已宕机：没有谁接收它，也没有任何回应。",
    );
    expect(
      zh("SEQ=601 is ahead of RCV.NXT=301: a gap before it. The segment (200 bytes and FIN) is held until the gap fills, to be processed in sequence (3.10.7.4, SHLD-31); a duplicate ACK tells the sender what is missing (MAY-13)."),
    ).toContain("该报文段（200 字节数据和 FIN）被暂存");
  });

  it("renders the accept queue's description inside a note", () => {
    expect(zh("The application calls accept() and takes the oldest connection off the queue: 1 connection waits for accept(), backlog 1.")).toBe(
      "应用程序调用 accept()，从队列中取走最早的连接：1 个连接等待 accept()，backlog 为 1。",
    );
  });

  it("says so when the RFC 9293 profile does not act on the accept queue", () => {
    const note =
      "Another client's connection completes its handshake and joins the accept queue: 2 connections wait for accept(), backlog 1; the queue is full when it holds more than the backlog.";
    expect(zh(note)).not.toContain("RFC 9293");
    expect(zh(`${note} RFC 9293 has no accept queue (the backlog belongs to the sockets API), so this profile does not act on it.`)).toContain("RFC 9293 没有全连接队列");
  });

  it("keeps the rate-limit remark on a withheld ACK", () => {
    const note =
      "SEQ=5 is outside the receive window [10, 20): an old or stray segment. Send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and drop it. The ACK is withheld: one went out less than 500 ms ago (rate limit, as Linux's tcp_invalid_ratelimit).";
    expect(zh(note)).toMatch(/^SEQ=5 在接收窗口 \[10, 20\) 之外.*上一个 ACK 发出还不到 500 毫秒/);
  });

  it("is undefined for a note it does not know", () => {
    expect(zh("Something new.")).toBeUndefined();
  });
});

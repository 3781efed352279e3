import { describe, expect, it } from "vitest";
import { check, claimBlock, lines, note } from "./content-fixture";

/*
 * Every claim in a note is evaluated against the machine. Each broken note
 * below puts its claim on line 8 (the first line inside :::zh is line 8; the
 * claim's YAML starts on line 9), so the expected line says which key is wrong.
 */
function checkClaim(yaml: string) {
  return lines(check({ "notes/n.md": note("n", claimBlock(yaml)) }));
}

describe("the seed notes' mistakes, written as claims", () => {
  it("third handshake segment with SYN=1: the machine says ACK only", () => {
    expect(
      checkClaim(`
scenario: open
segments:
  - {from: client, flags: SYN, seq: x}
  - {from: server, flags: SYN+ACK, seq: y, ack: x+1}
  - {from: client, flags: SYN+ACK, seq: x+1, ack: y+1}
`),
    ).toEqual(["notes/n.md:13: the third segment of `open` carries ACK only, not SYN+ACK: SYN is set on the first two segments alone"]);
  });

  it("second closing segment with FIN=1: the passive closer first sends a bare ACK", () => {
    expect(
      checkClaim(`
scenario: close-client-first
segments:
  - {from: client, flags: FIN+ACK, seq: u}
  - {from: server, flags: FIN+ACK, seq: v, ack: u+1}
`),
    ).toEqual([
      "notes/n.md:12: the second segment of `close-client-first` carries ACK only, not FIN+ACK: FIN is set on the first and third segments alone",
    ]);
  });

  it("every closing segment's sequence number random: the client's last ACK has no number of its own, it is u+1", () => {
    // The server's FIN may take a new name (w): it could have sent data after its ACK. The client could not
    // send anything after its FIN, so a new name for its last ACK claims a number that does not exist.
    expect(
      checkClaim(`
scenario: close-client-first
segments:
  - {from: client, flags: FIN+ACK, seq: u}
  - {from: server, flags: ACK, seq: v}
  - {from: server, flags: FIN+ACK, seq: w}
  - {from: client, flags: ACK, seq: z}
`),
    ).toEqual([
      "notes/n.md:14: the fourth segment of `close-client-first` has seq=102 (= u+1): the new name z claims a new number, but the client could send no data between the first segment and this one (it was in FIN_WAIT_1, FIN_WAIT_2), so its sequence number follows from that segment's: after the ISN sequence numbers are not random; each follows from the ISN and what was sent before (SYN and FIN count one, data its length, a bare ACK nothing)",
    ]);
  });

  it("CLOSING explained by a lost ACK: with the last ACK lost the client stays in TIME_WAIT", () => {
    expect(
      checkClaim(`
scenario: lost-last-ack
states:
  client: [ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSED]
`),
    ).toEqual([
      expect.stringMatching(
        /^notes\/n\.md:11: in `lost-last-ack` the client goes ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT → CLOSED; its state 4 is TIME_WAIT, not CLOSING: the client enters TIME_WAIT on "rcv FIN\+ACK"/,
      ),
    ]);
  });

  it("CLOSING comes from crossing FINs: the simultaneous close claim passes", () => {
    expect(
      checkClaim(`
scenario: simultaneous-close
states:
  client: [ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED]
  server: [ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED]
`),
    ).toEqual([]);
  });
});

describe("transition claims", () => {
  it("a wrong next state names the machine's state and the RFC rule", () => {
    expect(checkClaim("in: FIN_WAIT_1\non: rcv FIN\nthen: TIME_WAIT")).toEqual([
      expect.stringMatching(/^notes\/n\.md:11: in FIN_WAIT_1, "rcv FIN" leads to CLOSING, not TIME_WAIT: Simultaneous close.*RFC 9293 §3\.10\.7\.4/),
    ]);
  });

  it("sends is compared exactly: FIN is not FIN+ACK", () => {
    expect(checkClaim("in: ESTABLISHED\non: close\nthen: FIN_WAIT_1\nsends: FIN")).toEqual([
      expect.stringMatching(/^notes\/n\.md:12: in ESTABLISHED on "close" the machine sends FIN\+ACK, not FIN: .*Every segment a side sends after its own first SYN carries ACK/),
    ]);
  });

  it("aliases are normalised and `nothing` means no segment", () => {
    expect(checkClaim("in: SYN_RCVD\non: rcv ACK\nthen: ESTAB\nsends: nothing")).toEqual([]);
    expect(checkClaim("in: time-wait\non: timeout\nthen: CLOSED")).toEqual([]);
  });

  it("an unknown state or event is an error at its line, naming the valid choices", () => {
    expect(checkClaim("in: SYN_WAIT\non: rcv syn\nthen: LISTEN")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: unknown state "SYN_WAIT"; valid: CLOSED, LISTEN, /),
    ]);
    expect(checkClaim("in: LISTEN\non: receive syn urg\nthen: LISTEN")).toEqual([
      expect.stringMatching(/^notes\/n\.md:10: unknown event "receive syn urg"; valid: passive open, /),
    ]);
  });
});

describe("textbook notation: a new name where the sender could have sent data", () => {
  it("谢希仁's four-way close (FIN seq=u; ACK seq=v ack=u+1; FIN+ACK seq=w ack=u+1; ACK seq=u+1 ack=w+1) passes, w being v", () => {
    expect(
      checkClaim(`
scenario: close-client-first
segments:
  - {from: client, flags: FIN+ACK, seq: u}
  - {from: server, flags: ACK, seq: v, ack: u+1}
  - {from: server, flags: FIN+ACK, seq: w, ack: u+1}
  - {from: client, flags: ACK, seq: u+1, ack: w+1}
`),
    ).toEqual([]);
  });

  it("the same notation passes with the server closing first and with data in between", () => {
    expect(checkClaim("scenario: close-server-first\nsegments:\n  - {seq: u}\n  - {seq: v, ack: u+1}\n  - {seq: w, ack: u+1}\n  - {seq: u+1, ack: w+1}")).toEqual([]);
    expect(checkClaim("scenario: half-close\nsegments:\n  - {seq: u}\n  - {seq: v}\n  - {seq: v}\n  - {seq: v+100}\n  - {seq: u+1}\n  - {seq: u+1}\n  - {seq: w}\n  - {ack: w+1}")).toEqual([]);
  });

  it("a new name where the sender could send nothing is still wrong: the third handshake segment is x+1", () => {
    expect(checkClaim("scenario: open\nsegments:\n  - {seq: x}\n  - {seq: y}\n  - {seq: q}")).toEqual([
      expect.stringMatching(
        /^notes\/n\.md:13: the third segment of `open` has seq=101 \(= x\+1\): the new name q claims a new number, but the client could send no data between the first segment and this one \(it was in SYN_SENT\)/,
      ),
    ]);
  });

  it("a retransmitted SYN keeps its ISN: a new name for it is wrong", () => {
    expect(checkClaim("scenario: simultaneous-open\nsegments:\n  - {seq: x}\n  - {seq: y}\n  - {seq: y}\n  - {seq: q}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:14: the fourth segment of `simultaneous-open` has seq=100 \(= x\): the new name q claims a new number, but the client could send no data/),
    ]);
  });

  it("a new connection's ISN and an old duplicate's number are new numbers", () => {
    expect(
      checkClaim(`
scenario: old-duplicate-syn
segments:
  - {from: client, flags: SYN, seq: x}
  - {from: client, flags: SYN, seq: z}
  - {from: server, flags: SYN+ACK, seq: y, ack: z+1}
  - {from: client, flags: RST, seq: z+1}
  - {from: server, flags: SYN+ACK, seq: w, ack: x+1}
`),
    ).toEqual([]);
  });

  it("a new name for an acknowledgment number that is an earlier name's number is still wrong", () => {
    expect(checkClaim("scenario: simultaneous-close\nsegments:\n  - {seq: u}\n  - {ack: a}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:12: the second segment of `simultaneous-close` has ack=101, the same number as u \(seq of the first segment\): a new name claims a new number/),
    ]);
  });
});

describe("segment claims", () => {
  it("names bind on first use and are checked with arithmetic after", () => {
    expect(
      checkClaim(`
scenario: open
segments:
  - {from: client, flags: SYN, seq: x}
  - {from: server, flags: SYN+ACK, seq: y, ack: x+1}
  - {from: client, flags: ACK, seq: x+1, ack: y+1}
`),
    ).toEqual([]);
  });

  it("a wrong ack says what the number is relative to the names", () => {
    expect(
      checkClaim(`
scenario: open
segments:
  - {from: client, flags: SYN, seq: x}
  - {from: server, flags: SYN+ACK, seq: y, ack: x}
`),
    ).toEqual([expect.stringMatching(/^notes\/n\.md:12: the second segment of `open` has ack=101 \(= x\+1\), not x=100: SYN and FIN each consume one/)]);
  });

  it("lose drops segments and they still count in order sent", () => {
    expect(
      checkClaim(`
scenario: open
lose: [1]
segments:
  - {from: client, flags: SYN, seq: x}
  - {from: client, flags: SYN, seq: x}
  - {from: server, flags: SYN+ACK, ack: x+1}
`),
    ).toEqual([]);
  });

  it("plain numbers are checked against the ISNs given", () => {
    expect(checkClaim("scenario: open\nisn: {client: 1000, server: 5000}\nsegments:\n  - {seq: 1000}\n  - {seq: 5000, ack: 1001}")).toEqual([]);
    expect(checkClaim("scenario: open\nsegments:\n  - {seq: 1000}")).toEqual([expect.stringMatching(/^notes\/n\.md:11: the first segment of `open` has seq=100, not 1000/)]);
  });

  it("a claim longer than the trace says how many segments there are", () => {
    expect(checkClaim("scenario: abort\nsegments:\n  - {flags: RST}\n  - {flags: ACK}")).toEqual([
      "notes/n.md:12: `abort` has only 1 segments; there is no second segment",
    ]);
  });

  it("an unknown scenario names the valid ones", () => {
    expect(checkClaim("scenario: three-way\nsegments:\n  - {flags: SYN}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: unknown scenario "three-way"; valid: open, simultaneous-open, /),
    ]);
  });

  it("an ack on a segment without the ACK bit is an error", () => {
    expect(checkClaim("scenario: open\nsegments:\n  - {flags: SYN, ack: 0}")).toEqual([
      "notes/n.md:11: the first segment of `open` (SYN) has no acknowledgment number: its ACK bit is off",
    ]);
  });
});

describe("claim shape", () => {
  it("a mapping that is none of the three shapes is an error at the block", () => {
    expect(checkClaim("state: LISTEN")).toEqual([expect.stringMatching(/^notes\/n\.md:9: a claim needs in\/on\/then, or a scenario/)]);
  });

  it("broken YAML is an error with its line, and the check goes on", () => {
    const report = check({
      "notes/a.md": note("a", claimBlock("in: [LISTEN")),
      "notes/b.md": note("b", claimBlock("in: LISTEN\non: rcv SYN\nthen: CLOSED")),
    });
    expect(lines(report)).toEqual([
      expect.stringMatching(/^notes\/a\.md:\d+: claim: YAML: /),
      expect.stringMatching(/^notes\/b\.md:11: in LISTEN, "rcv SYN" leads to SYN_RECEIVED, not CLOSED/),
    ]);
    expect(report.counts.claims).toBe(2);
  });
});

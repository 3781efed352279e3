import { describe, expect, it } from "vitest";
import { check, claimBlock, lines, note } from "./content-fixture";

/*
 * A claim may name a profile (rfc9293 by default, or linux), the case of a
 * row with two, and the error the application gets. Each broken claim below
 * starts on line 9 of the note; the line of the wrong key is expected.
 */
function checkClaim(yaml: string) {
  return lines(check({ "notes/n.md": note("n", claimBlock(yaml)) }));
}

describe("claims that name a profile", () => {
  it("a linux transition claim is checked against Linux's row", () => {
    expect(checkClaim("{in: ESTABLISHED, on: abort, then: CLOSED, sends: RST+ACK, profile: linux}")).toEqual([]);
    expect(checkClaim("{in: ESTABLISHED, on: abort, then: CLOSED, sends: RST+ACK}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: in ESTABLISHED on "abort" the machine sends RST, not RST\+ACK: .*RFC 9293 §3\.10\.5/),
    ]);
  });

  it("a wrong linux claim says the profile and cites the kernel", () => {
    expect(checkClaim("{in: ESTABLISHED, on: abort, then: CLOSED, sends: RST, profile: linux}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: under the linux profile, in ESTABLISHED on "abort" the machine sends RST\+ACK, not RST: .*Linux net\/ipv4\/tcp\.c: tcp_disconnect/),
    ]);
  });

  it("error: RFC 9293's words by default, the errno under linux (EPIPE for a RST in CLOSE_WAIT)", () => {
    expect(checkClaim("{in: CLOSE_WAIT, on: rcv RST, then: CLOSED, error: EPIPE, profile: linux}")).toEqual([]);
    expect(checkClaim("{in: CLOSE_WAIT, on: rcv RST, then: CLOSED, error: connection reset}")).toEqual([]);
    expect(checkClaim("{in: CLOSE_WAIT, on: rcv RST, then: CLOSED, error: ECONNRESET, profile: linux}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: under the linux profile, in CLOSE_WAIT, "rcv RST" reports "EPIPE", not "ECONNRESET": .*tcp_reset/),
    ]);
    expect(checkClaim("{in: LAST_ACK, on: rcv RST, then: CLOSED, error: connection reset}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: in LAST_ACK, "rcv RST" reports no error, not "connection reset"/),
    ]);
  });

  it("case: names the variant of a row with two, and a claim about the other case says that it exists", () => {
    expect(checkClaim("{in: TIME_WAIT, on: rcv SYN, then: SYN_RECEIVED, sends: SYN+ACK, case: newer SYN}")).toEqual([]);
    expect(checkClaim("{in: SYN_RECEIVED, on: rcv RST, then: CLOSED, case: active open, error: connection refused}")).toEqual([]);
    expect(checkClaim("{in: TIME_WAIT, on: rcv SYN, then: SYN_RECEIVED}")).toEqual([
      expect.stringMatching(/^notes\/n\.md:9: in TIME_WAIT, "rcv SYN" leads to TIME_WAIT, not SYN_RECEIVED: .* This row has another case \(case: newer SYN\)/),
    ]);
    expect(checkClaim("{in: ESTABLISHED, on: rcv SYN, then: ESTABLISHED, case: newer SYN}")).toEqual([
      'notes/n.md:9: ESTABLISHED + "rcv SYN" has no cases besides the plain one',
    ]);
  });

  it("scenario claims run under the profile they name", () => {
    const abortClaim = (profile: string) => `
scenario: abort
profile: ${profile}
segments:
  - {from: client, flags: RST+ACK}
`;
    expect(checkClaim(abortClaim("linux"))).toEqual([]);
    expect(checkClaim(abortClaim("rfc9293"))).toEqual(["notes/n.md:12: the first segment of `abort` under the rfc9293 profile carries RST only, not RST+ACK: its ACK bit is off"]);
  });

  it("an unknown profile is named with the valid ones", () => {
    expect(checkClaim("{in: LISTEN, on: rcv SYN, then: SYN_RECEIVED, profile: bsd}")).toEqual(["notes/n.md:9: profile must be one of: rfc9293, linux"]);
  });
});

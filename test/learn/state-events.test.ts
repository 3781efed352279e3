import { describe, expect, it } from "vitest";
import { stateEventRows } from "@/lib/learn/state-events";
import { LINUX_MACHINE, TCP_EVENTS, TCP_STATES } from "@/lib/tcp";
import { NOTES_ZH_ACTIVE_OPEN, NOTES_ZH_CASES } from "@/lib/tcp/notes-zh";

const CJK = /[\u4e00-\u9fff]/;

describe("stateEventRows", () => {
  it.each(["zh", "en"] as const)("lists all 12 events for each of the 11 states under both profiles (%s)", (lang) => {
    for (const profile of ["rfc9293", "linux"] as const) {
      const rows = stateEventRows(lang, profile);
      for (const state of TCP_STATES) expect(rows[state].map((row) => row.event)).toEqual([...TCP_EVENTS]);
    }
  });

  it("gives notes in the language asked for", () => {
    const zh = stateEventRows("zh");
    expect(zh.FIN_WAIT_1.find((row) => row.event === "rcv FIN")).toMatchObject({ label: "收到 FIN", to: "CLOSING", sends: "ACK", kind: "arrow" });
    for (const profile of ["rfc9293", "linux"] as const) {
      for (const rows of Object.values(stateEventRows("zh", profile))) {
        for (const row of rows) {
          expect(row.note, `${row.event}`).toMatch(CJK);
          for (const variant of row.variants) expect(variant.note).toMatch(CJK);
        }
      }
    }
  });

  it("lists both cases of SYN_RECEIVED + rcv RST: from LISTEN, and after a simultaneous open", () => {
    const reset = stateEventRows("zh").SYN_RECEIVED.find((row) => row.event === "rcv RST");
    expect(reset).toMatchObject({ to: "LISTEN", variants: [{ variant: "active open", to: "CLOSED", note: NOTES_ZH_ACTIVE_OPEN["SYN_RECEIVED|rcv RST"] }] });
  });

  it.each(["rfc9293", "linux"] as const)("lists the newer-SYN case of TIME_WAIT + rcv SYN (%s)", (profile) => {
    const syn = stateEventRows("en", profile).TIME_WAIT.find((row) => row.event === "rcv SYN")!;
    expect(syn).toMatchObject({ to: "TIME_WAIT", sends: "ACK" });
    expect(syn.variants).toEqual([expect.objectContaining({ variant: "newer SYN", to: "SYN_RECEIVED", sends: "SYN+ACK", rfc: "3.6.1" })]);
  });

  it("under RFC 9293 no row is marked as departing and none cites the kernel", () => {
    const rows = Object.values(stateEventRows("en")).flat();
    expect(rows.filter((row) => row.rfc9293 || row.kernel)).toEqual([]);
  });

  it("under Linux marks exactly the rows Linux takes from the kernel, each cited, with RFC 9293's outcome beside it", () => {
    const rows = Object.entries(stateEventRows("en", "linux")).flatMap(([from, list]) => list.map((row) => ({ from, ...row })));
    const departing = rows.filter((row) => row.rfc9293).map((row) => `${row.from}|${row.event}`);
    expect(departing.sort()).toEqual(LINUX_MACHINE.rows.filter((row) => row.kernel).map((row) => `${row.from}|${row.event}`).sort());
    const abort = rows.find((row) => row.from === "ESTABLISHED" && row.event === "abort")!;
    expect(abort).toMatchObject({ sends: "RST+ACK", kernel: expect.stringContaining("tcp_send_active_reset"), rfc9293: { sends: "RST", to: "CLOSED" } });
    const connect = rows.find((row) => row.from === "LISTEN" && row.event === "active open")!;
    expect(connect).toMatchObject({ kind: "error", error: "EISCONN", rfc9293: { to: "SYN_SENT", sends: "SYN" } });
  });

  it("names TIME_WAIT's timer by its length under Linux, 2MSL under RFC 9293", () => {
    const timer = (lang: "en" | "zh", profile: "rfc9293" | "linux") => stateEventRows(lang, profile).TIME_WAIT.find((row) => row.event === "timeout")!;
    expect(timer("en", "rfc9293")).toMatchObject({ label: "2MSL timeout", phrase: "the TIME_WAIT timer expires (2MSL in RFC 9293, 60 s on Linux)" });
    expect(timer("en", "linux")).toMatchObject({ label: "60 s timeout", phrase: "the TIME_WAIT timer (a fixed 60 s) expires" });
    expect(timer("zh", "linux")).toMatchObject({ label: "60 秒超时", phrase: "TIME_WAIT 定时器（固定 60 秒）到期" });
  });

  it("under Linux gives the Linux rows' own Chinese notes, variants included", () => {
    const zh = stateEventRows("zh", "linux");
    expect(zh.FIN_WAIT_2.find((row) => row.event === "timeout")!.note).toBe(NOTES_ZH_CASES["linux|FIN_WAIT_2|timeout"]);
    const reset = zh.SYN_RECEIVED.find((row) => row.event === "rcv RST")!;
    expect(reset.variants[0]).toMatchObject({ variant: "active open", to: "CLOSED", error: "ECONNRESET", note: NOTES_ZH_CASES["linux|SYN_RECEIVED|rcv RST|active open"] });
    const syn = zh.TIME_WAIT.find((row) => row.event === "rcv SYN")!;
    expect(syn.variants[0]!.note).toBe(NOTES_ZH_CASES["linux|TIME_WAIT|rcv SYN|newer SYN"]);
    expect(syn.variants[0]!.kernel).toContain("tcp_timewait_state_process");
  });
});

import { describe, expect, it } from "vitest";
import { allOutcomes, PROFILES, rowVariants, TCP_STATES, TRANSITIONS } from "@/lib/tcp";
import { NOTES_ZH, NOTES_ZH_ACTIVE_OPEN, NOTES_ZH_CASES, zhNoteOf } from "@/lib/tcp/notes-zh";

const FLAG_NAMES = ["SYN", "ACK", "FIN", "RST", "SYN+ACK", "FIN+ACK", "RST+ACK"] as const;

const CJK = /[\u4e00-\u9fff]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names from `names` that occur in `text` as whole words. */
function wholeWords(text: string, names: readonly string[], before: string, after: string, plural = false): string[] {
  return names.filter((name) => new RegExp(`(?<![${before}])${escapeRegExp(name)}${plural ? "s?" : ""}(?![${after}])`).test(text));
}

/** Canonical state names: SYN_SENT, but not the SYN in it. */
function statesIn(text: string): string[] {
  return wholeWords(text, TCP_STATES, "A-Za-z0-9_", "A-Za-z0-9_");
}

/**
 * Flag names as whole words ("RSTs" counts as RST). Field names of RFC
 * notation are not flags: the ACK of SEG.ACK or of <ACK=RCV.NXT>.
 */
function flagsIn(text: string): string[] {
  return wholeWords(text, FLAG_NAMES, "A-Za-z0-9_.", "A-Za-z0-9_=", true);
}

/** Text the Chinese must keep verbatim: quoted error strings, RFC notation such as <SEQ=SND.NXT>, RFC numbers. */
function verbatimIn(text: string): string[] {
  return [...text.matchAll(/"[^"]+"|<[A-Z]+=[^<>]+>|RFC \d+/g)].map((match) => match[0]);
}

const rows = allOutcomes().map((outcome) => ({ key: `${outcome.from}|${outcome.event}`, note: outcome.note }));

const activeOpenRows = TRANSITIONS.flatMap((row) =>
  "whenActiveOpen" in row && row.whenActiveOpen ? [{ key: `${row.from}|${row.event}`, note: row.whenActiveOpen.note }] : [],
);

/** Every case of every row of every profile whose note is not the reference row's own. */
const otherCases = Object.values(PROFILES).flatMap((profile) =>
  allOutcomes(profile.machine).flatMap((outcome) =>
    rowVariants(outcome.from, outcome.event, profile.machine)
      .map((variant) => variant.outcome)
      .filter((o) => o.noteKey !== `${o.from}|${o.event}` && o.variant !== "active open" || o.noteKey?.startsWith("linux|"))
      .map((o) => ({ key: o.noteKey!, note: o.note, table: "NOTES_ZH_CASES", zh: zhNoteOf(o) })),
  ),
);
const uniqueOtherCases = [...new Map(otherCases.map((c) => [c.key, c])).values()];

const cases = [
  ...rows.map((row) => ({ ...row, table: "NOTES_ZH", zh: NOTES_ZH[row.key] })),
  ...activeOpenRows.map((row) => ({ ...row, table: "NOTES_ZH_ACTIVE_OPEN", zh: NOTES_ZH_ACTIVE_OPEN[row.key] })),
  ...uniqueOtherCases,
];

describe("NOTES_ZH", () => {
  it("has exactly one key per state × event row, in table order", () => {
    expect(rows).toHaveLength(132);
    expect(Object.keys(NOTES_ZH)).toEqual(rows.map((row) => row.key));
  });

  it("NOTES_ZH_CASES has exactly the notes of the variants and the Linux rows", () => {
    expect(Object.keys(NOTES_ZH_CASES).sort()).toEqual(uniqueOtherCases.map((c) => c.key).sort());
  });

  it("NOTES_ZH_ACTIVE_OPEN has exactly the rows with a whenActiveOpen variant", () => {
    expect(activeOpenRows.length).toBeGreaterThan(0);
    expect(Object.keys(NOTES_ZH_ACTIVE_OPEN).sort()).toEqual(activeOpenRows.map((row) => row.key).sort());
  });

  describe.each(cases)("$table[$key]", ({ note, zh }) => {
    it("is a non-empty Chinese note", () => {
      expect(zh?.trim()).toBeTruthy();
      expect(zh).toMatch(CJK);
    });

    it("names the same states as the English note", () => {
      expect(statesIn(zh ?? "")).toEqual(statesIn(note));
    });

    it("names the same flags as the English note", () => {
      expect(flagsIn(zh ?? "")).toEqual(flagsIn(note));
    });

    it("keeps error strings, RFC notation and RFC numbers verbatim", () => {
      for (const text of verbatimIn(note)) expect(zh).toContain(text);
    });
  });
});

describe("the whole-word helpers", () => {
  it("do not see SYN in SYN_SENT, ACK in LAST_ACK or SEG.ACK, or a flag in <ACK=RCV.NXT>", () => {
    expect(statesIn("enter SYN_SENT, then LAST_ACK。")).toEqual(["SYN_SENT", "LAST_ACK"]);
    expect(flagsIn("SYN_SENT LAST_ACK SEG.ACK <ACK=RCV.NXT>")).toEqual([]);
  });

  it("see flags next to CJK text, in <CTL=RST,ACK> and in plurals", () => {
    expect(flagsIn("发送SYN+ACK。")).toEqual(["SYN", "ACK", "SYN+ACK"]);
    expect(flagsIn("<CTL=RST,ACK>")).toEqual(["ACK", "RST"]);
    expect(flagsIn("some stacks ignore RSTs here")).toEqual(["RST"]);
  });
});

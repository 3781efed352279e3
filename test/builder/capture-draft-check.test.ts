import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDraft } from "@/lib/builder/draft-check";
import { loadContentFiles } from "@/lib/content/load-content-files";
import type { QuestionContext } from "@/lib/questions";
import { testContext } from "../questions/question-context";

const REFUSED = "sample:refused-and-reset.pcap";
const samples = loadContentFiles("content/captures");
const context: QuestionContext = { ...testContext(), captures: new Map([[REFUSED, new Uint8Array(readFileSync("content/captures/refused-and-reset.pcap"))]]) };
const draft = (captures: unknown[]) => ({ id: "capture-draft", title: { zh: "抓包", en: "Capture" }, captures });

describe("the builder's check of capture slots", () => {
  it("passes a slot its connection can fill", () => {
    expect(checkDraft(draft([{ capture: REFUSED, connection: 2, count: 2 }]), { lang: "en", context, misconceptions: samples })).toEqual([]);
  });

  it("reports at the slot's count a connection with fewer distinct questions, in the page's language", () => {
    const problems = checkDraft(draft([{ capture: REFUSED, connection: 1, count: 20 }]), { lang: "en", context, misconceptions: samples });
    expect(problems).toEqual([{ path: "captures.0.count", message: expect.stringMatching(/^only \d+ different questions can be drawn from this connection, not 20$/) }]);
    const zh = checkDraft(draft([{ capture: REFUSED, connection: 1, count: 20 }]), { lang: "zh", context, misconceptions: samples });
    expect(zh[0]!.message).toMatch(/^这个连接只能出 \d+ 道不同的题，而不是 20 道$/);
  });

  it("reports a sample that does not exist and a connection it lacks at their fields", () => {
    const problems = checkDraft(draft([{ capture: "sample:nope.pcap", count: 1 }, { capture: REFUSED, connection: 9, count: 1 }]), { lang: "en", context, misconceptions: samples });
    expect(problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(["captures.0.capture", "captures.1.connection"]));
  });
});

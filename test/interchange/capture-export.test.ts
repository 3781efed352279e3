import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { quizFileSchema } from "@/lib/content";
import { exportGift, exportMoodleXml, expandQuiz } from "@/lib/interchange";
import type { QuestionContext } from "@/lib/questions";
import { testContext } from "../questions/question-context";

const SAMPLE = "sample:handshake-data-close.pcapng";
const context: QuestionContext = { ...testContext(), captures: new Map([[SAMPLE, new Uint8Array(readFileSync("content/captures/handshake-data-close.pcapng"))]]) };
const quiz = quizFileSchema.parse({ id: "capture-export", title: { zh: "抓包", en: "Capture" }, captures: [{ capture: SAMPLE, count: 3 }] });

describe("exporting a quiz with capture questions", () => {
  it("writes them as ordinary questions, in attempt order", () => {
    const items = expandQuiz(quiz, context);
    expect(items.map((item) => item.name)).toEqual(["generated-1-capture", "generated-2-capture", "generated-3-capture"]);
    expect(items.every((item) => item.type === "multichoice" || item.type === "numerical")).toBe(true);
    const gift = exportGift([quiz], context, { lang: "en" });
    const xml = exportMoodleXml([quiz], context, { lang: "en" });
    for (const item of items) {
      const words = item.prompt.en.split(" ").slice(0, 4).join(" ");
      expect(gift).toContain(words);
      expect(xml).toContain(words);
    }
  });

  it("writes nothing for a capture the context lacks", () => {
    expect(expandQuiz(quiz, testContext())).toEqual([]);
  });
});

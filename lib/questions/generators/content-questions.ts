import type { QuestionContext, WhyCard } from "../context";
import type { Choice } from "../question";
import type { Random } from "../random";
import type { QuestionDraft } from "./draft";

/** `match`: match states to their meanings (from content/states.yaml). */
export function generateMatch(random: Random, context: QuestionContext): QuestionDraft {
  if (context.states.length < 4) throw new Error("match questions need the states' meanings from content/states.yaml");
  const chosen = random.sample(context.states, 4);
  const left: Choice[] = chosen.map((info) => ({ id: info.state, label: { zh: `${info.state}（${info.name.zh}）`, en: info.state } }));
  const right: Choice[] = random.shuffle(chosen.map((info) => ({ id: `m-${info.state}`, label: info.meaning })));
  return {
    params: { states: chosen.map((info) => info.state) },
    prompt: { zh: "把每个状态与它的含义配对。", en: "Match each state with its meaning." },
    input: "match",
    choices: left,
    matchTargets: right,
    answer: { pairs: Object.fromEntries(chosen.map((info) => [info.state, `m-${info.state}`])) },
    explanation: {
      zh: chosen.map((info) => `${info.state}（${info.name.zh}）：${info.meaning.zh}`).join("\n"),
      en: chosen.map((info) => `${info.state}: ${info.meaning.en}`).join("\n"),
    },
    tests: [],
    topics: ["states"],
  };
}

/** `why`: a "why" card or interview question, with key points to self-grade against. */
export function generateWhy(random: Random, context: QuestionContext): QuestionDraft {
  if (context.whyCards.length === 0) throw new Error("why questions need `why` cards in content/cards");
  return whyCardDraft(random.pick(context.whyCards), "question");
}

/**
 * A why card as a self-graded question: the card's own question, or the
 * interviewer's follow-up to it (its key points are the follow-up's; the
 * explanation points back to the card's answer).
 */
export function whyCardDraft(card: WhyCard, part: "question" | "follow-up"): QuestionDraft {
  const topics = card.tags.filter((tag) => ["handshake", "close", "time-wait", "states", "seq-ack", "what-if"].includes(tag));
  if (part === "follow-up" && card.followUp) {
    const { prompt, keyPoints } = card.followUp;
    return {
      params: { card: card.id, part },
      prompt,
      input: "self-grade",
      choices: null,
      answer: keyPoints,
      keyPoints,
      explanation: {
        zh: `要点：${keyPoints.zh.join("；")}。\n\n前一个问题的答案：${card.back.zh}`,
        en: `Key points: ${keyPoints.en.join("; ")}.\n\nThe answer to the question before: ${card.back.en}`,
      },
      tests: [],
      topics,
    };
  }
  return {
    params: { card: card.id },
    prompt: card.front,
    input: "self-grade",
    choices: null,
    answer: card.keyPoints,
    keyPoints: card.keyPoints,
    explanation: card.back,
    tests: [],
    topics,
  };
}

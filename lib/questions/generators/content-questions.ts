import type { QuestionContext } from "../context";
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
  const card = random.pick(context.whyCards);
  return {
    params: { card: card.id },
    prompt: card.front,
    input: "self-grade",
    choices: null,
    answer: card.keyPoints,
    keyPoints: card.keyPoints,
    explanation: card.back,
    tests: [],
    topics: card.tags.filter((tag) => ["handshake", "close", "time-wait", "states", "seq-ack", "what-if"].includes(tag)),
  };
}

import type { BilingualText } from "../content";
import type { LearnerResponse } from "./check-answer";
import type { Choice, Question } from "./question";

/*
 * A learner's answer written out as the learner saw it, for an instructor's
 * results and their CSV: choice ids become their labels when the question is
 * at hand, segments read "SYN+ACK seq=300 ack=101".
 */

function labelOf(choices: Choice[] | null | undefined, id: string): BilingualText {
  return choices?.find((choice) => choice.id === id)?.label ?? { zh: id, en: id };
}

function same(text: string): BilingualText {
  return { zh: text, en: text };
}

/** The answer as text; `question` (when known) turns choice and item ids into what was shown. */
export function responseText(response: LearnerResponse, question?: Question | null): BilingualText {
  switch (response.kind) {
    case "choice":
      return labelOf(question?.choices, response.choice);
    case "state":
      return same(response.state);
    case "flags":
      return same(response.flags);
    case "segment":
      return same(`${response.flags} seq=${response.seq}${response.ack === null || response.ack === "" ? "" : ` ack=${response.ack}`}`);
    case "number":
      return same(String(response.value));
    case "order": {
      const labels = response.order.map((id) => labelOf(question?.choices, id));
      return { zh: labels.map((label) => label.zh).join(" → "), en: labels.map((label) => label.en).join(" → ") };
    }
    case "match": {
      const pairs = Object.entries(response.pairs).map(([left, right]) => ({ left, right: labelOf(question?.matchTargets, right) }));
      return { zh: pairs.map((pair) => `${pair.left}：${pair.right.zh}`).join("；"), en: pairs.map((pair) => `${pair.left}: ${pair.right.en}`).join("; ") };
    }
    case "self-grade": {
      const total = question?.keyPoints?.en.length;
      const counted = total === undefined ? `${response.covered.length}` : `${response.covered.length}/${total}`;
      const text = response.text?.trim() ? ` — ${response.text.trim()}` : "";
      return { zh: `覆盖要点 ${counted}${text}`, en: `key points covered ${counted}${text}` };
    }
  }
}

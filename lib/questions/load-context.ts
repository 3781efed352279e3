import type { ContentReport } from "../content";
import type { QuestionContext } from "./context";

/** The generators' context from checked content. */
export function contextFromContent(report: Pick<ContentReport, "states" | "decks">): QuestionContext {
  return {
    states: report.states,
    whyCards: report.decks
      .flatMap((deck) => deck.cards)
      .filter((card) => card.kind === "why" && card.keyPoints)
      .map((card) => ({
        id: card.id,
        front: card.front,
        back: card.back,
        keyPoints: card.keyPoints!,
        tags: card.tags,
        ...(card.followUp ? { followUp: card.followUp } : {}),
      })),
  };
}

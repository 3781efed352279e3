import type { ContentFile, ContentReport } from "../content";
import type { QuestionContext } from "./context";

/** The generators' context from checked content; with the content files, the sample captures ("sample:<file>") too. */
export function contextFromContent(report: Pick<ContentReport, "states" | "decks">, files: readonly ContentFile[] = []): QuestionContext {
  const samples = files.filter((file) => file.bytes && /(^|[\\/])captures[\\/]/.test(file.path));
  return {
    ...(samples.length > 0 ? { captures: new Map(samples.map((file) => [`sample:${file.path.split(/[\\/]/).pop()}`, file.bytes!])) } : {}),
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

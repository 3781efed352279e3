import { DEFAULT_PROFILE, diagramArrows, PROFILES, type ProfileName } from "../tcp";
import { SCENARIO_NAMES } from "../sim";
import type { QuestionContext } from "./context";
import { generateQuestion } from "./generate";
import { QUESTION_KINDS, transitionKey, type QuestionKind } from "./question";

export interface CoverageRow {
  /** `STATE|event` for a transition, `scenario:name` for a scenario. */
  target: string;
  arrow: boolean;
  kinds: QuestionKind[];
}

/**
 * Which of the machine's diagram arrows and which scenarios some question
 * kind tests, found by generating `samples` questions of every kind in `profile`.
 */
export function coverageReport(context: QuestionContext, samples = 300, profile: ProfileName = DEFAULT_PROFILE): CoverageRow[] {
  const byTarget = new Map<string, Set<QuestionKind>>();
  for (const kind of QUESTION_KINDS) {
    if (kind === "why" && context.whyCards.length === 0) continue;
    for (let seed = 1; seed <= samples; seed++) {
      for (const target of generateQuestion(kind, seed, context, profile).tests) {
        if (!byTarget.has(target)) byTarget.set(target, new Set());
        byTarget.get(target)!.add(kind);
      }
    }
  }
  const arrows = diagramArrows(PROFILES[profile].machine).map((arrow) => transitionKey(arrow.from, arrow.event));
  const arrowSet = new Set(arrows);
  const others = [...byTarget.keys()].filter((target) => !arrowSet.has(target) && !target.startsWith("scenario:")).sort();
  const scenarios = SCENARIO_NAMES.map((name) => `scenario:${name}`);
  return [...arrows, ...others, ...scenarios].map((target) => ({ target, arrow: arrowSet.has(target), kinds: [...(byTarget.get(target) ?? [])] }));
}

export * from "./question";
export * from "./context";
export { Random, seedFrom } from "./random";
export { availableKinds, GENERATORS, generateQuestion, generateQuestions, type GenerateOptions } from "./generate";
export { checkAnswer, parseStateAnswer, type AnswerResult, type LearnerResponse } from "./check-answer";
export { coverageReport, type CoverageRow } from "./coverage";
export { contextFromContent } from "./load-context";

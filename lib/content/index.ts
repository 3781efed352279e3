export * from "./content-model";
export * from "./schema";
export { checkContent, kindOf } from "./check-content";
export { checkClaim, claimShape, type ClaimProblem, type ClaimShape } from "./claims";
export { parseMarkdownNote, NOTE_LANGUAGES, type NoteLanguage } from "./markdown-note";

export { exportGift, giftQuestion, categoryOf, type ExportOptions } from "./gift-writer";
export { exportMoodleXml } from "./moodle-xml-writer";
export { exportAnki, ANKI_COLUMNS, ANKI_HEADER, type AnkiOptions } from "./anki-writer";
export { importGift, type ImportMessage, type ImportOptions, type ImportResult } from "./gift-import";
export { expandQuiz, defaultSeed } from "./expand-quiz";
export { exportItem, segmentText, type ExportItem } from "./export-item";
export { stateSpellings } from "./state-spellings";
export type { ExportLanguage } from "./multilang";

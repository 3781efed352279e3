/** The builder's import from GIFT and export to Anki, in both languages. */
export const instructorInterchange = {
  importTitle: { zh: "从 GIFT 文件导入", en: "Import a GIFT file" },
  importHint: {
    zh: "Moodle 的 GIFT 格式。能在 SynAck 中出题的题目会成为一个新的草稿（并经过状态机检查）；其余题目按行号列出原因后跳过。",
    en: "Moodle's GIFT format. Questions SynAck can ask become a new draft (checked against the machine like any other); the rest are listed by line with why, and skipped.",
  },
  file: { zh: "GIFT 文件", en: "GIFT file" },
  fileLang: { zh: "文件的语言", en: "The file's language" },
  lang_zh: { zh: "中文", en: "Chinese" },
  lang_en: { zh: "英文", en: "English" },
  importButton: { zh: "导入", en: "Import" },
  importing: { zh: "导入中…", en: "Importing…" },
  chooseFile: { zh: "请先选择一个文件。", en: "Choose a file first." },
  imported: { zh: "已导入为新草稿。", en: "Imported as a new draft." },
  openImported: { zh: "打开导入的测验", en: "Open the imported quiz" },
  nothingImported: { zh: "文件中没有 SynAck 能出的题。", en: "The file has no question SynAck can ask." },
  skippedTitle: { zh: "跳过的题目", en: "Skipped" },
  notesTitle: { zh: "需要留意", en: "To look at" },
  failed: { zh: "导入失败：{error}", en: "The import failed: {error}" },
  ankiTitle: { zh: "导出抽认卡到 Anki", en: "Flashcards for Anki" },
  ankiHint: {
    zh: "Anki 的文本导入格式（文件 › 导入）：每张卡一行，带牌组与标签列；再次导入会更新而不是重复。",
    en: "Anki's text import format (File › Import): one note a line with deck and tag columns; importing again updates the notes rather than duplicating them.",
  },
  ankiAll: { zh: "全部牌组", en: "All decks" },
  cards: { zh: "{n} 张卡", en: "{n} cards" },
};

import type { Messages } from "../translate";

export const settings = {
  title: { zh: "设置", en: "Settings" },
  lede: {
    zh: "你的学习记录保存在这台服务器上，只凭这个浏览器里的匿名 Cookie 识别。换浏览器前，请先导出进度。",
    en: "Your progress is kept on this server and known only by an anonymous cookie in this browser. Export it before you switch browsers.",
  },

  profileTitle: { zh: "个人资料", en: "Profile" },
  displayName: { zh: "显示名称", en: "Display name" },
  displayNameHint: { zh: "1–40 个字符；留空则不显示名称。", en: "1–40 characters; leave empty for none." },
  newCardsPerDay: { zh: "每天新卡片数", en: "New cards per day" },
  newCardsHint: { zh: "0–200：每天最多引入多少张新抽认卡。", en: "0–200: how many new flashcards to introduce each day." },
  save: { zh: "保存", en: "Save" },
  saving: { zh: "保存中…", en: "Saving…" },
  saved: { zh: "已保存。", en: "Saved." },
  errorDisplayName: { zh: "显示名称须为 1–40 个字符。", en: "The display name must be 1–40 characters." },
  errorNewCards: { zh: "每天新卡片数须为 0 到 200 的整数。", en: "New cards per day must be a whole number from 0 to 200." },

  appearanceTitle: { zh: "语言与外观", en: "Language and theme" },
  appearanceHint: { zh: "也可以在页头切换。选择保存在这个浏览器中。", en: "Also in the page header. Your choice is saved in this browser." },

  dataTitle: { zh: "导出与导入", en: "Export and import" },
  exportTitle: { zh: "导出进度", en: "Export progress" },
  exportBody: {
    zh: "下载一个 JSON 文件，包含你的全部复习记录、答题、测验和卡片排程，可以在另一个浏览器或另一台 SynAck 上导入。",
    en: "Download a JSON file with all your reviews, answers, quiz sessions and card schedules, to import in another browser or another SynAck.",
  },
  exportCounts: {
    zh: "目前有 {reviews} 次复习、{answers} 道答题、{cards} 张卡片的排程。",
    en: "Currently {reviews} reviews, {answers} answers and {cards} card schedules.",
  },
  exportNothing: { zh: "还没有学习记录：导出的文件会是空的。", en: "Nothing recorded yet: the file will be empty." },
  exportButton: { zh: "下载进度文件", en: "Download progress file" },

  importTitle: { zh: "导入进度", en: "Import progress" },
  importBody: {
    zh: "选择从 SynAck 导出的文件。导入只会添加，不会删除：已有的记录不会重复，每张卡片保留最近一次复习后的排程。",
    en: "Choose a file exported from SynAck. Importing only adds, never deletes: records you already have are not duplicated, and each card keeps the schedule from its latest review.",
  },
  importFile: { zh: "进度文件（.json）", en: "Progress file (.json)" },
  importButton: { zh: "导入", en: "Import" },
  importing: { zh: "导入中…", en: "Importing…" },
  importChoose: { zh: "请先选择一个文件。", en: "Choose a file first." },
  importDone: { zh: "导入完成。", en: "Import complete." },
  importAdded: {
    zh: "新增 {reviews} 次复习、{answers} 道答题、{sessions} 次测验、{cards} 张卡片排程；更新 {updated} 张卡片的排程。",
    en: "Added {reviews} reviews, {answers} answers, {sessions} sessions and {cards} card schedules; updated {updated} card schedules.",
  },
  importUnchanged: { zh: "已存在、未重复导入：{n} 条。", en: "Already here, not added again: {n}." },
  importSettings: { zh: "同时采用了文件中的设置：{fields}。", en: "Also took these settings from the file: {fields}." },
  importNotJson: { zh: "这个文件不是 JSON，无法导入。", en: "This file is not JSON, so it cannot be imported." },
  importInvalid: { zh: "这个文件不是有效的 SynAck 进度文件：", en: "This is not a valid SynAck progress file:" },
  importTooLarge: { zh: "文件太大（上限 20 MB）。", en: "The file is too large (20 MB at most)." },
  moreProblems: { zh: "……另有 {n} 处问题", en: "…and {n} more problems" },
} satisfies Messages;

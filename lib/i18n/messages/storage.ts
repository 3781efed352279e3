import type { Messages } from "../translate";

/*
 * What a learner is told when the database cannot do what was asked
 * (lib/server/storage-errors.ts): what happened, that what was saved before
 * is safe, and what to do. The API answers 503 with one of these.
 */
export const storage = {
  full: {
    zh: "数据库已满：服务器磁盘没有剩余空间，这次操作没有保存。之前保存的内容都还在；腾出空间后请重试。",
    en: "The database is full: the server's disk has no space left, so this was not saved. Everything saved before is kept; try again once space is freed.",
  },
  "read-only": {
    zh: "数据库是只读的：它的文件或磁盘现在无法写入，这次操作没有保存。之前保存的内容都还在，也仍可查看；恢复可写后请重试。",
    en: "The database is read-only: its file or disk cannot be written now, so this was not saved. Everything saved before is kept and can still be read; try again once it is writable.",
  },
  busy: {
    zh: "数据库正忙（另一个进程占用着写锁），这次操作没有保存。之前保存的内容都还在；请稍后重试。",
    en: "The database is busy (another process holds its write lock), so this was not saved. Everything saved before is kept; try again in a moment.",
  },
  unavailable: {
    zh: "数据库无法打开，这次操作没有完成。已保存的内容没有丢失；数据库恢复后请重试。",
    en: "The database cannot be opened, so this could not be done. Nothing saved is lost; try again once it is back.",
  },
  io: {
    zh: "数据库所在磁盘读写出错，这次操作没有完成。之前保存的内容没有被改动；请稍后重试。",
    en: "The database's disk could not be read or written, so this could not be done. Nothing saved before was changed; try again later.",
  },
  pageTitle: { zh: "这个页面暂时无法显示", en: "This page cannot be shown right now" },
  pageGeneric: {
    zh: "服务器在准备这个页面时出错了。已保存的内容没有丢失；请稍后重试。",
    en: "The server failed while preparing this page. Nothing saved is lost; try again in a moment.",
  },
  retry: { zh: "重试", en: "Try again" },
} satisfies Messages;

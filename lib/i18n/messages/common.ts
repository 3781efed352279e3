import type { Messages } from "../translate";

export const common = {
  appName: { zh: "SynAck", en: "SynAck" },
  tagline: { zh: "用测验和抽认卡掌握 TCP 连接的生命周期", en: "Master the TCP connection lifecycle with quizzes and flashcards" },
  navHome: { zh: "首页", en: "Home" },
  navReview: { zh: "抽认卡", en: "Flashcards" },
  navQuiz: { zh: "测验", en: "Quiz" },
  navInterview: { zh: "面试模式", en: "Interview" },
  navLearn: { zh: "学习", en: "Learn" },
  navProgress: { zh: "进度", en: "Progress" },
  navSettings: { zh: "设置", en: "Settings" },
  skipToContent: { zh: "跳到正文", en: "Skip to content" },
  languageLabel: { zh: "语言", en: "Language" },
  themeLabel: { zh: "外观", en: "Theme" },
  themeSystem: { zh: "跟随系统", en: "System" },
  themeLight: { zh: "浅色", en: "Light" },
  themeDark: { zh: "深色", en: "Dark" },
  mainNav: { zh: "主导航", en: "Main" },
  menu: { zh: "菜单", en: "Menu" },
  checked: { zh: "已由状态机验证", en: "Checked by the machine" },
  loading: { zh: "加载中…", en: "Loading…" },
  errorGeneric: { zh: "出错了，请重试。", en: "Something went wrong. Please try again." },
  footer: {
    zh: "每个答案都由 RFC 9293 参考状态机计算得出。",
    en: "Every answer is computed by a reference RFC 9293 state machine.",
  },
} satisfies Messages;

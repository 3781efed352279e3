import type { Messages } from "../translate";

export const home = {
  title: { zh: "TCP 连接的生命周期，练到不会错", en: "The TCP connection lifecycle, practised until you never get it wrong" },
  lede: {
    zh: "三次握手、四次挥手、TIME_WAIT、11 种状态：笔记、抽认卡和测验中的每个事实，都由 RFC 9293 参考状态机验证。",
    en: "Handshake, close, TIME_WAIT and all 11 states: every fact in the notes, flashcards and quizzes is checked by a reference RFC 9293 state machine.",
  },
  reviewTitle: { zh: "抽认卡", en: "Flashcards" },
  reviewText: { zh: "间隔重复：{due} 张待复习，今天还有 {fresh} 张新卡。", en: "Spaced repetition: {due} due now, {fresh} new cards left today." },
  reviewStart: { zh: "开始复习", en: "Start reviewing" },
  quizTitle: { zh: "测验", en: "Quiz" },
  quizText: { zh: "11 种题型，数字每次都不同，答案由状态机计算。", en: "Eleven kinds of question with fresh numbers every time, answered by the machine." },
  quizStart: { zh: "做测验", en: "Take a quiz" },
  interviewTitle: { zh: "面试模式", en: "Interview mode" },
  interviewText: { zh: "限时回答“为什么”，再接受追问。", en: "Answer the \"why\" questions against the clock, then the follow-ups." },
  interviewStart: { zh: "模拟面试", en: "Practise an interview" },
  learnTitle: { zh: "学习", en: "Learn" },
  learnText: { zh: "{notes} 篇笔记、交互式状态图和场景回放。", en: "{notes} notes, an interactive state diagram and a scenario player." },
  learnStart: { zh: "去学习", en: "Start learning" },
  progressTitle: { zh: "进度", en: "Progress" },
  progressText: { zh: "到期预测、学习日历、各主题正确率和最薄弱的状态转换。", en: "Due forecast, activity calendar, accuracy by topic and your weakest transitions." },
  progressStart: { zh: "查看进度", en: "See progress" },
  facts: { zh: "{claims} 个事实已由状态机验证 · {cards} 张抽认卡 · {quizzes} 套测验", en: "{claims} facts checked by the machine · {cards} flashcards · {quizzes} quizzes" },
} satisfies Messages;

import type { Messages } from "../translate";

export const progress = {
  title: { zh: "学习进度", en: "Progress" },
  timeZoneNote: { zh: "日期按 {zone} 时区计算。", en: "Days are counted in the {zone} time zone." },

  emptyTitle: { zh: "还没有学习记录", en: "No progress yet" },
  emptyBody: {
    zh: "复习几张抽认卡或做一套测验，这里就会显示你的连续学习天数、到期预测、正确率和记忆保持率。",
    en: "Review a few flashcards or take a quiz, and this page will show your streak, upcoming reviews, accuracy and retention.",
  },
  startReview: { zh: "复习抽认卡", en: "Review flashcards" },
  startQuiz: { zh: "做一套测验", en: "Take a quiz" },

  statsLabel: { zh: "概况", en: "Summary" },
  currentStreak: { zh: "当前连续学习", en: "Current streak" },
  longestStreak: { zh: "最长连续学习", en: "Longest streak" },
  dayUnit: { zh: "天", en: "day" },
  daysUnit: { zh: "天", en: "days" },
  streakKeep: { zh: "今天还没有学习：学一点就能保持连续。", en: "Nothing yet today: study a little to keep the streak." },
  cardsStudied: { zh: "学过的卡片", en: "Cards studied" },
  reviews: { zh: "复习次数", en: "Reviews" },
  answers: { zh: "答题数", en: "Answers" },
  accuracy: { zh: "答题正确率", en: "Answer accuracy" },
  accuracyOf: { zh: "{correct}/{answers} 答对", en: "{correct} of {answers} right" },
  noneYet: { zh: "—", en: "—" },

  forecastTitle: { zh: "未来 30 天到期的卡片", en: "Cards due in the next 30 days" },
  forecastSummary: {
    zh: "今天到期 {today} 张，7 天内 {week} 张，30 天内共 {month} 张。",
    en: "{today} due today, {week} within 7 days, {month} within 30 days.",
  },
  forecastSummaryOverdue: {
    zh: "今天到期 {today} 张（其中逾期 {overdue} 张），7 天内 {week} 张，30 天内共 {month} 张。",
    en: "{today} due today ({overdue} of them overdue), {week} within 7 days, {month} within 30 days.",
  },
  forecastEmpty: { zh: "还没有排定复习的卡片。复习过的卡片会出现在这里。", en: "No cards are scheduled yet. Cards you review will appear here." },
  forecastDue: { zh: "到期", en: "Due" },
  forecastOverdue: { zh: "逾期（斜纹）", en: "Overdue (hatched)" },
  cardsOne: { zh: "{n} 张", en: "{n} card" },
  cardsMany: { zh: "{n} 张", en: "{n} cards" },
  withOverdue: { zh: "{cards}（逾期 {overdue} 张）", en: "{cards} ({overdue} overdue)" },
  dayValue: { zh: "{date}：{value}", en: "{date}: {value}" },
  colDate: { zh: "日期", en: "Date" },
  colCards: { zh: "卡片数", en: "Cards" },
  today: { zh: "今天", en: "Today" },

  activityTitle: { zh: "最近 26 周的学习", en: "Activity in the last 26 weeks" },
  activitySummary: {
    zh: "{days} 天有学习，共复习 {reviews} 次、答题 {answers} 道。",
    en: "Active on {days} days: {reviews} reviews and {answers} answers.",
  },
  activityDay: { zh: "{date}：复习 {reviews} 次，答题 {answers} 道", en: "{date}: {reviews} reviews, {answers} answers" },
  activityNone: { zh: "{date}：没有学习", en: "{date}: no activity" },
  activityLess: { zh: "少", en: "Less" },
  activityMore: { zh: "多", en: "More" },
  activityLegend: { zh: "图例：格子越大、颜色越深，当天学习越多", en: "Legend: bigger, darker squares mean more study that day" },
  activityToday: { zh: "今天", en: "Today" },
  activityTable: { zh: "以表格查看有学习的日子", en: "Show active days as a table" },
  activityCaption: { zh: "有学习的日子", en: "Days with activity" },
  activityNothing: { zh: "最近 26 周没有学习记录。", en: "No activity in the last 26 weeks." },

  retentionTitle: { zh: "记忆保持率", en: "Retention" },
  retentionExplain: {
    zh: "已进入复习阶段的卡片，复习时没有选“重来”的比例。学习阶段（几分钟内的重复）不计入。",
    en: "Of reviews of cards already in the review state, the share not rated Again. Learning steps minutes apart are not counted.",
  },
  retention30: { zh: "最近 30 天", en: "Last 30 days" },
  retentionCount: { zh: "{reviews} 次复习中记住 {recalled} 次", en: "{recalled} of {reviews} reviews recalled" },
  retentionNone: {
    zh: "最近 30 天还没有复习阶段的卡片。卡片“毕业”后（通常在学习一两天后）才会计入。",
    en: "No reviews of cards in the review state in the last 30 days. Cards count once they graduate, usually a day or two after you learn them.",
  },
  retentionWeekly: { zh: "每周保持率", en: "Weekly retention" },
  retentionTarget: { zh: "目标 90%", en: "Target 90%" },
  retentionWeek: { zh: "{week} 起的一周：{pct}（{recalled}/{reviews}）", en: "Week of {week}: {pct} ({recalled}/{reviews})" },
  retentionWeekNone: { zh: "{week} 起的一周：没有复习", en: "Week of {week}: no reviews" },
  retentionSummary: {
    zh: "最近 {weeks} 周中有 {active} 周有复习阶段的卡片；平均保持率 {pct}。",
    en: "{active} of the last {weeks} weeks had reviews of cards in the review state; overall {pct}.",
  },
  retentionSummaryNone: { zh: "最近 {weeks} 周没有复习阶段的卡片。", en: "No reviews of cards in the review state in the last {weeks} weeks." },
  colWeek: { zh: "周（起始日）", en: "Week of" },
  colRetention: { zh: "保持率", en: "Retention" },
  noReviews: { zh: "无复习", en: "no reviews" },

  topicTitle: { zh: "各主题正确率", en: "Accuracy by topic" },
  stateTitle: { zh: "各状态正确率", en: "Accuracy by state" },
  stateExplain: { zh: "按题目考查的状态转换的起始状态统计。", en: "By the state that each question's transitions start from." },
  accuracyValue: { zh: "{pct}（{correct}/{attempts}）", en: "{pct} ({correct}/{attempts})" },
  accuracyEmpty: { zh: "还没有答题记录。做一套测验后，这里会显示正确率。", en: "No answers yet. Take a quiz to see your accuracy here." },
  weakestTitle: { zh: "最薄弱的状态转换", en: "Weakest transitions" },
  weakestExplain: { zh: "至少答过两次、还没有全对的转换，正确率最低的在前。", en: "Transitions answered at least twice and not always right, lowest accuracy first." },
  weakestEmpty: { zh: "目前没有薄弱的转换（至少答两次才会统计）。", en: "No weak transitions (a transition needs at least two answers)." },
  practise: { zh: "去测验中练习", en: "Practise in a quiz" },
} satisfies Messages;

/** Quiz topics (lib/content/schema.ts QUIZ_TOPICS); an unknown topic shows as it is stored. */
export const topicNames = {
  handshake: { zh: "三次握手", en: "Handshake" },
  close: { zh: "连接关闭", en: "Closing" },
  "time-wait": { zh: "TIME_WAIT", en: "TIME_WAIT" },
  states: { zh: "状态", en: "States" },
  "seq-ack": { zh: "序号与确认号", en: "Sequence and ack numbers" },
  "what-if": { zh: "假如……", en: "What if…" },
} satisfies Messages;

import { zhNoteOf } from "../tcp/notes-zh";

/*
 * The quiz checks (lib/content/schema.ts, check-content.ts, claims.ts)
 * speak English, as content:check does for authors at a terminal. The
 * builder shows the same problems in the instructor's language, so each
 * message form a quiz can trigger has a Chinese form here, matched by its
 * English pattern. Names, values and the machine's RFC citations are kept
 * as they are. A form missing here falls back to the English text with
 * UNTRANSLATED in front, and test/builder/problem-zh.test.ts fails.
 */

export const UNTRANSLATED = "[英文] ";

type Form = [RegExp, (match: RegExpExecArray) => string];

const side = (name: string) => (name === "client" ? "客户端" : name === "server" ? "服务器" : name);

/** "in SYN_SENT (case: newer SYN)" and "under the linux profile, in X" → Chinese. */
function where(text: string): string {
  return text
    .replace(/^under the (\S+) profile, /, "在 $1 配置下，")
    .replace(/\bin (\S+)( \(case: ([^)]+)\))?$/, (_, state: string, _case: string | undefined, variant: string | undefined) => `处于 ${state}${variant ? `（情形：${variant}）` : ""}`);
}

/** "`close-client-first` with segment 2 lost under the linux profile" → Chinese. */
function scenario(text: string): string {
  return text
    .replace(/^`([^`]+)`/, "场景 `$1`")
    .replace(/ with segment ([\d, ]+) lost/, "（第 $1 个报文段丢失）")
    .replace(/ under the (\S+) profile$/, "（$1 配置）");
}

/** "the 2nd segment of `x`" → "`x` 的第 2 个报文段". */
function segmentName(text: string): string {
  const match = /^the (\d+)(?:st|nd|rd|th) segment of (.+)$/.exec(text);
  return match ? `${scenario(match[2]!)}的第 ${match[1]} 个报文段` : text;
}

const FORMS: Form[] = [
  // lib/content/schema.ts
  [/^must not be empty$/, () => "不能为空"],
  [/^must be an object with zh and en$/, () => "必须同时有 zh（中文）和 en（英文）"],
  [/^needs at least one point$/, () => "至少需要一条要点"],
  [/^must be kebab-case: lower-case letters, digits and single hyphens$/, () => "必须是 kebab-case：小写字母、数字和单个连字符"],
  [/^must be a text id$/, () => "必须是文本 id"],
  [/^must be lower-case letters, digits and hyphens$/, () => "只能含小写字母、数字和连字符"],
  [/^must be a state name$/, () => "必须是状态名"],
  [/^must be an event name$/, () => "必须是事件名"],
  [/^side must be client or server$/, () => "side 必须是 client（客户端）或 server（服务器）"],
  [/^needs at least two choices$/, () => "至少需要两个选项"],
  [/^answer is the index of the right choice, from 0$/, () => "answer 是正确选项的序号，从 0 数起"],
  [/^answer is past the last choice \(choices are counted from 0\)$/, () => "answer 超出了最后一个选项（选项从 0 数起）"],
  [/^type must be one of: (.*)$/, (m) => `type 必须是以下之一：${m[1]}`],
  [/^kinds must be from: (.*)$/, (m) => `kinds 只能取：${m[1]}`],
  [/^name at least one kind, or leave kinds out for all$/, () => "至少选一种题型；不选表示全部题型"],
  [/^topics must be from: (.*)$/, (m) => `topics 只能取：${m[1]}`],
  [/^count must be a number$/, () => "题数必须是数字"],
  [/^count must be a whole number$/, () => "题数必须是整数"],
  [/^count is at least 1$/, () => "题数至少为 1"],
  [/^count is at most 40$/, () => "题数至多为 40"],
  [/^profile must be one of: (.*)$/, (m) => `profile 必须是以下之一：${m[1]}`],
  [/^seed must be "per-student" or a whole number from 0 to 4294967295$/, () => "seed 必须是 \"per-student\"（每个学生一套），或 0 到 4294967295 之间的整数"],
  [/^shuffle must be true or false$/, () => "shuffle 必须是 true 或 false"],
  [/^timeLimitMinutes must be a number$/, () => "时间限制必须是数字（分钟）"],
  [/^at least 1 minute$/, () => "至少 1 分钟"],
  [/^at most 600 minutes$/, () => "至多 600 分钟"],
  [/^attempts must be a number$/, () => "作答次数必须是数字"],
  [/^at least 1 attempt$/, () => "至少允许作答 1 次"],
  [/^at most 100 attempts$/, () => "至多允许作答 100 次"],
  [/^feedback must be one of: (.*)$/, (m) => `feedback 必须是以下之一：${m[1]}`],
  [/^must be a date and time with its offset, e\.g\. (\S+)$/, (m) => `必须是带时区偏移的日期时间，例如 ${m[1]}`],
  [/^closes must be after opens$/, () => "关闭时间必须晚于开放时间"],
  [/^feedback after-close needs a closes date$/, () => "“关闭后显示反馈”需要设定关闭时间"],
  [/^at most 10 generated slots$/, () => "生成题组至多 10 个"],
  [/^a quiz needs at least one question, generated slot or capture slot$/, () => "测验至少需要一道固定题、一个生成题组或一个抓包题组"],
  [/^a quiz holds at most (\d+) questions, fixed, generated and from captures together$/, (m) => `一套测验至多 ${m[1]} 题（固定题、生成题与抓包题合计）`],
  [/^at most 10 capture slots$/, () => "抓包题组至多 10 个"],
  [/^capture must be a text name$/, () => "capture 必须是文本名称"],
  [/^capture must be "sample:<file in content\/captures>" or "upload:<id>"$/, () => "capture 必须是 \"sample:<content/captures 中的文件>\" 或 \"upload:<id>\""],
  [/^connection must be a (number|whole number)$/, (m) => (m[1] === "number" ? "连接序号必须是数字" : "连接序号必须是整数")],
  [/^connections are counted from 1$/, () => "连接从 1 开始编号"],
  [/^connection is at most 10000$/, () => "连接序号至多为 10000"],
  [/^count is at most 20$/, () => "题数至多为 20"],
  [/^no sample capture "(.*)" in content\/captures; samples: (.*)$/, (m) => `content/captures 中没有样例抓包 "${m[1]}"；可用样例：${m[2]}`],
  [/^(.*) has (\d+) TCP connections?, no connection (\d+)$/, (m) => `${m[1]} 只有 ${m[2]} 个 TCP 连接，没有第 ${m[3]} 个`],
  [/^(.*) cannot be read: (.*)$/, (m) => `无法读取 ${m[1]}：${m[2]}`],
  [/^no upload "(.*)" among your captures$/, (m) => `你上传的抓包中没有 "${m[1]}"`],
  [/^only (\d+) different questions can be drawn from this connection, not (\d+)$/, (m) => `这个连接只能出 ${m[1]} 道不同的题，而不是 ${m[2]} 道`],
  [/^a claim must be a YAML mapping$/, () => "断言（claim）必须是键值映射"],
  // zod's own messages (a wrong type where the schema names none)
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `输入无效：应为 ${m[1]}，实际为 ${m[2]}`],
  [/^Invalid input$/, () => "输入无效"],
  [/^Too small: expected (\w+) to (?:have|be) (\S+) ?(.*)$/, (m) => `太小：${m[1]} 应 ${m[2]} ${m[3]}`.trimEnd()],
  [/^Too big: expected (\w+) to (?:have|be) (\S+) ?(.*)$/, (m) => `太大：${m[1]} 应 ${m[2]} ${m[3]}`.trimEnd()],
  [/^Invalid option: expected one of (.*)$/, (m) => `无效的选项：应为以下之一 ${m[1]}`],
  [/^Invalid string: (.*)$/, (m) => `无效的文本：${m[1]}`],
  // lib/content/check-content.ts (formatIssue and the quiz checks)
  [/^unknown keys? (.*) in a claim$/, (m) => `断言（claim）中有未知的键 ${m[1]}`],
  [/^unknown keys? (.*)$/, (m) => `未知的键 ${m[1]}`],
  [/^missing (\S+) \(the Chinese text\)$/, (m) => `缺少 ${m[1]}（中文文本）`],
  [/^missing (\S+) \(the English text\)$/, (m) => `缺少 ${m[1]}（英文文本）`],
  [/^missing (\S+)$/, (m) => `缺少 ${m[1]}`],
  [/^question id "(.*)" is already used by question (\d+)$/, (m) => `题目 id "${m[1]}" 已被第 ${m[2]} 题使用`],
  [/^unknown state "(.*?)"(?:; valid: (.*))?$/, (m) => `未知的状态 "${m[1]}"${m[2] ? `；可用：${m[2]}` : ""}`],
  [/^unknown event "(.*?)"(?:; valid: (.*))?$/, (m) => `未知的事件 "${m[1]}"${m[2] ? `；可用：${m[2]}` : ""}`],
  [/^unknown scenario "(.*?)"; valid: (.*)$/, (m) => `未知的场景 "${m[1]}"；可用：${m[2]}`],
  [/^in (\S+), "([^"]+)" leads to (\S+), not (\S+): (.*)$/s, (m) => `处于 ${m[1]} 时，“${m[2]}”进入 ${m[3]}，而不是 ${m[4]}：${zhNoteOf({ from: m[1]!, event: m[2]! }) ?? m[5]}`],
  [/^answer is true, but the machine finds the claim false: (.*)$/s, (m) => `答案是“对”，但状态机判定该断言为假：${problemInChinese(m[1]!).replace(UNTRANSLATED, "")}`],
  [/^answer is false, but the machine finds the claim true$/, () => "答案是“错”，但状态机判定该断言为真"],
  [/^states a known error \(([^)]+)\): (.*)$/s, (m) => `陈述了一个已知的错误说法（${m[1]}）：${m[2]}`],
  [/^the check failed on this file \((.*)\); it is left out\. Please report this with the file\.$/, (m) => `检查本身出错（${m[1]}）；请连同测验内容一起报告此问题。`],
  // lib/content/claims.ts
  [/^must be a number, a name such as x, or name\+k such as x\+1$/, () => "必须是数字、名字（如 x）或名字加数（如 x+1）"],
  [/^scenario must be a scenario name$/, () => "scenario 必须是场景名"],
  [/^segments are counted from 1$/, () => "报文段从 1 开始计数"],
  [/^lose must be a list of segment numbers$/, () => "lose 必须是报文段序号的列表"],
  [/^in must be a state name$/, () => "in 必须是状态名"],
  [/^on must be an event$/, () => "on 必须是事件"],
  [/^then must be a state name$/, () => "then 必须是状态名"],
  [/^error must be the error text, (.*)$/, (m) => `error 必须是错误文本，${m[1]!.replace(/^such as (.*) or (.*)$/, "如 $1 或 $2")}`],
  [/^case must be one of: (.*)$/, (m) => `case 必须是以下之一：${m[1]}`],
  [/^from must be client or server$/, () => "from 必须是 client 或 server"],
  [/^flags must be written like SYN\+ACK$/, () => "flags 的写法如 SYN+ACK"],
  [/^segments must be a list$/, () => "segments 必须是列表"],
  [/^segments needs at least one entry$/, () => "segments 至少需要一项"],
  [/^states needs client, server or both$/, () => "states 需要 client、server 或两者"],
  [/^a claim needs in\/on\/then, or a scenario with segments or states \(see content\/README\.md\)$/, () => "断言需要 in/on/then，或带 segments 或 states 的场景（见 content/README.md）"],
  [/^sends "(.*)" is not a flag set such as ACK or FIN\+ACK, nor "nothing"$/, (m) => `sends "${m[1]}" 既不是 ACK、FIN+ACK 这样的标志组合，也不是 "nothing"`],
  [/^(\S+) \+ "([^"]+)" has only the case (.*) besides the plain one$/, (m) => `${m[1]} + “${m[2]}”除普通情形外只有情形 ${m[3]}`],
  [/^(\S+) \+ "([^"]+)" has no cases besides the plain one$/, (m) => `${m[1]} + “${m[2]}”只有普通情形`],
  [/^(.*in \S+(?: \(case: [^)]+\))?), "([^"]+)" leads to (\S+), not (\S+): (.*)$/s, (m) => `${where(m[1]!)}，“${m[2]}”进入 ${m[3]}，而不是 ${m[4]}：${m[5]}`],
  [/^(.*in \S+(?: \(case: [^)]+\))?), "([^"]+)" reports (.*), not "(.*)": (.*)$/s, (m) => `${where(m[1]!)}，“${m[2]}”报告 ${m[3] === "no error" ? "无错误" : m[3]}，而不是 "${m[4]}"：${m[5]}`],
  [/^(.*in \S+(?: \(case: [^)]+\))?) on "([^"]+)" the machine sends (\S+), not (\S+): (.*)$/s, (m) => `${where(m[1]!)}，“${m[2]}”时状态机发送 ${m[3] === "nothing" ? "无" : m[3]}，而不是 ${m[4] === "nothing" ? "无" : m[4]}：${m[5]}`],
  [/^(`.*) has only (\d+) segments; there is no (.*)$/, (m) => `${scenario(m[1]!)}只有 ${m[2]} 个报文段，没有${m[3]}`],
  [/^(the \d+\w\w segment of .*) is sent by the (\w+) \(([^)]+)\), not the (\w+)$/, (m) => `${segmentName(m[1]!)}由${side(m[2]!)}发出（${m[3]}），不是${side(m[4]!)}`],
  [/^flags "(.*)" are not a flag set such as SYN\+ACK$/, (m) => `flags "${m[1]}" 不是 SYN+ACK 这样的标志组合`],
  [/^(the \d+\w\w segment of .*) carries (\d+) bytes of data, not (\d+)$/, (m) => `${segmentName(m[1]!)}携带 ${m[2]} 字节数据，不是 ${m[3]}`],
  [/^(the \d+\w\w segment of .*) carries (.*), not (\S+): (.*)$/s, (m) => `${segmentName(m[1]!)}携带 ${m[2]}，不是 ${m[3]}：${m[4]}`],
  [/^(the \d+\w\w segment of .*) \((\S+)\) has no acknowledgment number: its ACK bit is off$/, (m) => `${segmentName(m[1]!)}（${m[2]}）没有确认号：它的 ACK 位为 0`],
  [/^(\w+) is used in (\S+) before it is bound: write the bare name \((\w+)\) where it first appears$/, (m) => `${m[1]} 在绑定之前就用在了 ${m[2]} 中：在它第一次出现的地方只写名字（${m[3]}）`],
  [/^(the \d+\w\w segment of .*) has (seq|ack)=(.*?), not (.*)$/s, (m) => `${segmentName(m[1]!)}的 ${m[2]}=${m[3]}，不是 ${m[4]}`],
  [/^(the \d+\w\w segment of .*) has (seq|ack)=([^:]*): (.*)$/s, (m) => `${segmentName(m[1]!)}的 ${m[2]}=${m[3]}：${m[4]}`],
  [/^(the \d+\w\w segment of .*) has (seq|ack)=(\d+), the same number as (.*)$/s, (m) => `${segmentName(m[1]!)}的 ${m[2]}=${m[3]}，与 ${m[4]} 相同`],
  [/^in (.*) the (client|server) goes (.*?); its state (\d+) is (.*?), not (\S+)(.*)$/s, (m) => `在${scenario(m[1]!)}中，${side(m[2]!)}依次经过 ${m[3]}；它的第 ${m[4]} 个状态是 ${m[5] === "(none: it ends before)" ? "（无：在此之前已结束）" : m[5]}，不是 ${m[6]}${m[7] ? `${m[7]}` : ""}`],
  [/^in (.*) the (client|server) goes (.*) \((\d+) states\), not (.*)$/s, (m) => `在${scenario(m[1]!)}中，${side(m[2]!)}依次经过 ${m[3]}（${m[4]} 个状态），不是 ${m[5]}`],
  // lib/builder/draft-check.ts
  [/^only (\d+) different questions of these kinds and topics can be made, not (\d+)$/, (m) => `这些题型和主题只能生成 ${m[1]} 道不同的题，不够 ${m[2]} 道`],
];

/** The message in Chinese; an unknown form keeps its English after the UNTRANSLATED marker. */
export function problemInChinese(message: string): string {
  for (const [pattern, render] of FORMS) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  return `${UNTRANSLATED}${message}`;
}

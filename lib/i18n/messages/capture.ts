import type { Messages } from "../translate";

/** /learn/capture: a packet capture read in the browser, replayed, stepped through and quizzed on. */
export const capture = {
  title: { zh: "回放你的抓包", en: "Replay a capture" },
  lede: {
    zh: "拖入一个 pcap 或 pcapng 抓包文件（或选一个示例），SynAck 会把每条 TCP 连接的两端都交给状态机回放：每个报文段之后双方处于什么状态、哪个报文段是重传、哪里偏离了 RFC，并据此出题。",
    en: "Drop a pcap or pcapng capture (or pick a sample) and SynAck replays each TCP connection through the machine at both ends: the state each side is in after every segment, which segments were retransmitted, where the capture departs from the RFC, and questions drawn from it.",
  },
  privacy: {
    zh: "文件只在你的浏览器里读取，不会上传到服务器。",
    en: "The file is read in your browser and never leaves your machine.",
  },
  learnLink: { zh: "回放抓包", en: "Replay a capture" },
  learnLinkText: {
    zh: "读入 pcap / pcapng 文件，按状态机回放每条连接的两端，并就这段流量出题。",
    en: "Read a pcap or pcapng file, replay both ends of each connection through the machine, and get quizzed on your own traffic.",
  },
  scenariosLink: { zh: "有自己的抓包？在抓包回放里一步一步看它。", en: "Have a capture of your own? Step through it in the capture player." },

  openHeading: { zh: "打开抓包", en: "Open a capture" },
  fileLabel: { zh: "选择抓包文件（.pcap、.pcapng）", en: "Choose a capture file (.pcap, .pcapng)" },
  dropZone: { zh: "或把文件拖放到这里", en: "or drop a file here" },
  dropZoneActive: { zh: "松开即可读取", en: "Release to read it" },
  sizeLimit: { zh: "最大 {mib} MiB。", en: "Up to {mib} MiB." },
  samplesHeading: { zh: "示例抓包", en: "Sample captures" },
  samplesHelp: {
    zh: "在 Linux 回环接口上用 tcpdump 抓下的真实连接。",
    en: "Real connections captured with tcpdump on a Linux loopback interface.",
  },
  reading: { zh: "正在读取 {file}…", en: "Reading {file}…" },

  tooLarge: {
    zh: "{file} 有 {size} 字节，超过了 {max} 字节的上限，没有读取。",
    en: "{file} is {size} bytes, over the limit of {max} bytes: it was not read.",
  },
  unreadable: {
    zh: "无法读取 {file}：第 {offset} 字节处出错（{detail}）。",
    en: "{file} could not be read: a problem at byte {offset} ({detail}).",
  },
  fileError: { zh: "无法打开 {file}，请换一个文件再试。", en: "{file} could not be opened; try another file." },
  sampleError: { zh: "示例 {file} 没能下载（{status}），请稍后再试。", en: "The sample {file} could not be fetched ({status}); try again shortly." },

  factsHeading: { zh: "文件概况", en: "About the file" },
  fileName: { zh: "文件", en: "File" },
  format: { zh: "格式", en: "Format" },
  linkTypes: { zh: "链路类型", en: "Link types" },
  frames: { zh: "帧", en: "Frames" },
  segments: { zh: "TCP 报文段", en: "TCP segments" },
  skipped: { zh: "跳过的帧", en: "Skipped frames" },
  skippedNone: { zh: "无", en: "none" },
  skippedReason: { zh: "{reason}：{count} 帧", en: "{reason}: {count}" },
  connectionsCount: { zh: "TCP 连接", en: "TCP connections" },

  profileHint: {
    zh: "抓包默认按 Linux 配置回放，因为大多数抓包来自 Linux 主机；切换到 RFC 9293 看看标准怎么说。",
    en: "Captures replay with the Linux profile by default, since most come from Linux hosts; switch to RFC 9293 to see what the standard says.",
  },

  connectionsHeading: { zh: "连接", en: "Connections" },
  noConnections: { zh: "这个文件里没有 TCP 连接。", en: "This file holds no TCP connection." },
  connectionLegend: { zh: "选择要回放的连接", en: "Choose a connection to replay" },
  connectionOption: { zh: "#{n} {client} → {server}", en: "#{n} {client} → {server}" },
  connectionSegments: { zh: "{count} 个报文段", en: "{count} segments" },
  connectionFinal: { zh: "最终：客户端 {client}，服务器 {server}", en: "ends: client {client}, server {server}" },
  roleSimultaneous: { zh: "（同时打开）", en: "(simultaneous open)" },

  playerHeading: { zh: "逐步回放", en: "Step through it" },
  sequenceLabel: { zh: "连接 #{n} 的时序图", en: "Sequence diagram of connection #{n}" },
  sideLabel: { zh: "{side} {addr}", en: "{side} {addr}" },
  timerOnly: {
    zh: "抓包已在此之前结束：这一步只有定时器能揭示，是状态机按 {profile} 配置推算的。",
    en: "The capture ended before this: only the timer tells, and the machine works it out with the {profile} profile.",
  },
  segmentsHeading: { zh: "抓包里的全部报文段", en: "Every segment in the capture" },
  segmentsShortened: {
    zh: "共 {total} 个报文段，这里只列出有标注的和当前这一步的 {shown} 个。",
    en: "{shown} of {total} segments: those with notes and this step's own.",
  },
  segmentNotesHeading: { zh: "抓包里的这个报文段", en: "In the capture" },
  segmentLine: {
    zh: "#{n}（第 {frame} 帧）{arrow} {flags} seq={seq}{ack} len={len}",
    en: "#{n} (frame {frame}) {arrow} {flags} seq={seq}{ack} len={len}",
  },
  segmentRole_sent: { zh: "发出", en: "sent" },
  segmentRole_received: { zh: "收到", en: "received" },
  segmentRole_lost: { zh: "对方没收到", en: "never received" },
  segmentRole_reassembled: { zh: "补齐后处理", en: "processed once the gap filled" },
  noNotes: { zh: "抓包里没有关于它的特别之处。", en: "Nothing unusual about it in the capture." },
  "noteKind_retransmission": { zh: "重传", en: "Retransmission" },
  "noteKind_fast retransmission": { zh: "快速重传", en: "Fast retransmission" },
  "noteKind_spurious retransmission": { zh: "多余的重传", en: "Spurious retransmission" },
  "noteKind_never received": { zh: "未被接收", en: "Never received" },
  noteKind_duplicate: { zh: "重复", en: "Duplicate" },
  "noteKind_out of order": { zh: "乱序", en: "Out of order" },
  noteKind_gap: { zh: "前有缺口", en: "After a gap" },
  "noteKind_duplicate ack": { zh: "重复确认", en: "Duplicate ACK" },
  noteKind_keepalive: { zh: "保活", en: "Keepalive" },
  "noteKind_acked unseen": { zh: "确认了没抓到的数据", en: "Acknowledges unseen data" },
  noteKind_unexpected: { zh: "配置不预期", en: "Unexpected by the profile" },
  noteRule: { zh: "依据：{rule}", en: "Rule: {rule}" },

  quizHeading: { zh: "就这段抓包考考我", en: "Quiz me on this capture" },
  quizStart: { zh: "就这段抓包考考我", en: "Quiz me on this capture" },
  quizAgain: { zh: "换一套题", en: "New questions" },
  quizNotStored: {
    zh: "这些题目在浏览器里出题和判分，答案不会保存到服务器，也不计入你的进度。",
    en: "These questions are made and checked in your browser: the answers are not stored on the server and do not count toward your progress.",
  },
  quizNone: { zh: "这条连接没有可以出的题（例如没人收到的孤立 SYN）。", en: "This connection offers nothing to ask (a lone SYN that nobody received, say)." },
  quizSource: { zh: "{file}，连接 #{n}", en: "{file}, connection {n}" },
  quizSample: { zh: "示例 {file}，连接 #{n}", en: "sample {file}, connection {n}" },
  questionOf: { zh: "第 {n} 题，共 {total} 题", en: "Question {n} of {total}" },
  nextQuestion: { zh: "下一题", en: "Next question" },
  seeScore: { zh: "查看成绩", en: "See the score" },
  scoreLine: { zh: "答对 {score} / {total} 题。", en: "{score} of {total} right." },
} satisfies Messages;

/** A short title and what each shipped sample holds, by file name (content/captures/README.md says more). */
export const captureSamples = {
  "handshake-data-close.pcapng": {
    title: { zh: "握手、数据、关闭", en: "Handshake, data, close" },
    text: {
      zh: "一条连接：三次握手，双方各发一点数据，客户端先关闭，最后停在 TIME_WAIT。pcapng，以太网。",
      en: "One connection: the handshake, a little data each way, the client closes first and ends in TIME_WAIT. pcapng, Ethernet.",
    },
  },
  "half-close-ipv6.pcap": {
    title: { zh: "半关闭（IPv6）", en: "Half-close over IPv6" },
    text: {
      zh: "客户端发完请求就关闭发送方向，服务器在 CLOSE_WAIT 里继续发数据，然后才关闭。pcap，纳秒时间戳。",
      en: "The client sends a request and shuts its sending side; the server keeps sending from CLOSE_WAIT, then closes. pcap, nanosecond timestamps.",
    },
  },
  "refused-and-reset.pcap": {
    title: { zh: "被拒绝与被复位", en: "Refused and reset" },
    text: {
      zh: "两条连接：一个 SYN 发往没有监听的端口，被 RST+ACK 拒绝；另一条连接建立后被客户端用 RST 中止。还有被跳过的 UDP 和 ICMP。",
      en: "Two connections: a SYN to a port nobody listens on, refused with RST+ACK; another connection aborted by the client with RST. Plus a UDP datagram and an ICMP message, skipped.",
    },
  },
  "two-interfaces.pcapng": {
    title: { zh: "两个接口，每段两份", en: "Two interfaces, every segment twice" },
    text: {
      zh: "同时在 lo 和 any 上抓包再合并：每个报文段出现两次，回放把第二份标为重复。",
      en: "Captured on lo and on any at once and merged: every segment appears twice, and the replay marks each second copy as a duplicate.",
    },
  },
  "any-interface-sll2.pcap": {
    title: { zh: "Linux cooked v2", en: "Linux cooked v2" },
    text: { zh: "与“握手、数据、关闭”相同的交换，用 tcpdump -i any 抓取（SLL2 链路层）。", en: "The same exchange as “Handshake, data, close”, captured with tcpdump -i any (SLL2 link layer)." },
  },
  "any-interface-sll.pcap": {
    title: { zh: "Linux cooked v1", en: "Linux cooked v1" },
    text: { zh: "同样的交换，链路层是 Linux cooked v1（SLL）。", en: "The same exchange with the Linux cooked v1 (SLL) link layer." },
  },
  "raw-ip.pcap": {
    title: { zh: "裸 IP", en: "Raw IP" },
    text: { zh: "同样的十个 IP 包，去掉了以太网头（链路类型 101）。", en: "The same ten IP packets without their Ethernet headers (link type 101)." },
  },
  "bsd-loopback.pcapng": {
    title: { zh: "BSD 回环", en: "BSD loopback" },
    text: { zh: "同样的十个 IP 包，带 BSD 回环头（链路类型 0），pcapng，纳秒时间戳。", en: "The same ten IP packets behind a BSD loopback header (link type 0), pcapng, nanosecond timestamps." },
  },
} as const satisfies Record<string, { title: { zh: string; en: string }; text: { zh: string; en: string } }>;


// Chinese (zh) renderings of the transition-table notes, keyed `${from}|${event}`; test/tcp/notes-zh.test.ts keeps it complete.

const LINUX_ABORT =
  '异常关闭（SO_LINGER 为 0 时调用 close()，或关闭时仍有未读数据）：Linux 发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>，即带 ACK 位的 RST，并删除套接字。';
const LINUX_RESET = '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：套接字关闭，应用程序的下一次调用以 ECONNRESET（连接被对端重置）失败。';

export const NOTES_ZH: Readonly<Record<string, string>> = {
  "CLOSED|passive open":
    '创建传输控制块（TCB），等待连接请求到来（被动打开，passive OPEN）。',
  "CLOSED|active open":
    '创建传输控制块（TCB），选定初始发送序列号（ISS），发送 <SEQ=ISS><CTL=SYN>；置 SND.UNA=ISS，SND.NXT=ISS+1。',
  "CLOSED|send":
    '报错 "connection does not exist"（连接不存在）：没有可用来发送数据的传输控制块（TCB）。',
  "CLOSED|close":
    '报错 "connection does not exist"（连接不存在）：没有任何可关闭的东西。',
  "CLOSED|abort":
    '报错 "connection does not exist"（连接不存在）：没有任何可中止的东西。',
  "CLOSED|rcv SYN":
    '没有传输控制块（TCB），即该端口上无人监听：对不带 ACK 的报文段回复 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>；处于 SYN_SENT 的对端报告 "connection reset"（连接被重置；套接字称之为 ECONNREFUSED，即连接被拒绝）。',
  "CLOSED|rcv SYN+ACK":
    '没有传输控制块（TCB）：对带有 ACK 位的报文段回复 <SEQ=SEG.ACK><CTL=RST>，使发送方能够接受这个复位报文段。',
  "CLOSED|rcv ACK":
    '没有传输控制块（TCB）：对带有 ACK 位的报文段回复 <SEQ=SEG.ACK><CTL=RST>，使发送方能够接受这个复位报文段。',
  "CLOSED|rcv FIN":
    '没有传输控制块（TCB）：对带有 ACK 位的报文段回复 <SEQ=SEG.ACK><CTL=RST>，使发送方能够接受这个复位报文段。（握手之后的 FIN 总是带有 ACK。）',
  "CLOSED|rcv FIN+ACK":
    '没有传输控制块（TCB）：对带有 ACK 位的报文段回复 <SEQ=SEG.ACK><CTL=RST>，使发送方能够接受这个复位报文段。（握手之后的 FIN 总是带有 ACK。）',
  "CLOSED|rcv RST":
    '收到的 RST 直接丢弃：永远不用复位报文段去回应复位报文段。',
  "CLOSED|timeout":
    '没有传输控制块（TCB），因此也没有任何定时器在运行。',

  "LISTEN|passive open":
    '报错 "connection already exists"（连接已存在）：该传输控制块（TCB）已在监听。',
  "LISTEN|active open":
    '主动打开（active OPEN）把正在监听的传输控制块（TCB）转为主动：选定初始发送序列号（ISS），发送 SYN。',
  "LISTEN|send":
    '在已知远端套接字的情况下，SEND 调用会把传输控制块（TCB）转为主动：发送 SYN；数据要等到 ESTABLISHED 之后再发送（或者随 SYN 一起捎带）。',
  "LISTEN|close":
    '删除传输控制块（TCB）；尚未完成的 RECEIVE 调用得到 "error: closing"（错误：正在关闭）。',
  "LISTEN|abort":
    '删除传输控制块（TCB）；尚未完成的 RECEIVE 调用得到 "connection reset"（连接被重置）。此前没有发送过任何东西，因此无需发送复位报文段。',
  "LISTEN|rcv SYN":
    '置 RCV.NXT=SEG.SEQ+1，选定初始发送序列号（ISS），发送 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>。',
  "LISTEN|rcv SYN+ACK":
    '在 LISTEN 状态下，任何确认都是错误的，因为本端还什么都没有发送过：回复 <SEQ=SEG.ACK><CTL=RST>，继续监听。',
  "LISTEN|rcv ACK":
    '在 LISTEN 状态下，任何确认都是错误的，因为本端还什么都没有发送过：回复 <SEQ=SEG.ACK><CTL=RST>，继续监听。',
  "LISTEN|rcv FIN":
    '在 LISTEN 状态下，任何确认都是错误的，因为本端还什么都没有发送过：回复 <SEQ=SEG.ACK><CTL=RST>，继续监听。（握手之后的 FIN 总是带有 ACK。）',
  "LISTEN|rcv FIN+ACK":
    '在 LISTEN 状态下，任何确认都是错误的，因为本端还什么都没有发送过：回复 <SEQ=SEG.ACK><CTL=RST>，继续监听。（握手之后的 FIN 总是带有 ACK。）',
  "LISTEN|rcv RST":
    '予以忽略：复位报文段不可能针对这个监听端发送过的任何东西。',
  "LISTEN|timeout":
    '尚未发送过任何东西，因此没有需要重传的内容。',

  "SYN_SENT|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "SYN_SENT|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "SYN_SENT|send":
    '将数据排队，等连接进入 ESTABLISHED 后再发送。',
  "SYN_SENT|close":
    '删除传输控制块（TCB）；排队中的 SEND 和 RECEIVE 调用得到 "error: closing"（错误：正在关闭）。',
  "SYN_SENT|abort":
    '删除传输控制块（TCB）；排队中的 SEND 和 RECEIVE 调用得到 "connection reset"（连接被重置）。不发送复位报文段：对端还没有作出过应答。',
  "SYN_SENT|rcv SYN":
    '同时打开：对端的 SYN 与本端的 SYN 在途中交错而过。置 RCV.NXT=SEG.SEQ+1，发送 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>。',
  "SYN_SENT|rcv SYN+ACK":
    '其中的 ACK 确认了本端的 SYN（SND.UNA < SEG.ACK =< SND.NXT）：置 RCV.NXT=SEG.SEQ+1，发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>。',
  "SYN_SENT|rcv ACK":
    'SYN 和 RST 都未置位：丢弃该报文段。只有对端的 SYN 才能告诉本端对端所用的序列号。',
  "SYN_SENT|rcv FIN":
    '在 SYN_SENT 状态下不处理 FIN，因为此时还无法验证 SEG.SEQ：丢弃该报文段。',
  "SYN_SENT|rcv FIN+ACK":
    '其 ACK 确认的是一个从未发送过的 FIN（SEG.ACK > SND.NXT）：发送 <SEQ=SEG.ACK><CTL=RST>，并丢弃该报文段。',
  "SYN_SENT|rcv RST":
    '收到的复位报文段，其 ACK 确认了本端的 SYN：报告 "connection reset"（连接被重置），即连接被拒绝（connect() 以 ECONNREFUSED 失败）；删除传输控制块（TCB）。',
  "SYN_SENT|timeout":
    '重传超时：重新发送 SYN，并对重传定时器执行退避。',

  "SYN_RECEIVED|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "SYN_RECEIVED|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "SYN_RECEIVED|send":
    '将数据排队，等连接进入 ESTABLISHED 后再发送。',
  "SYN_RECEIVED|close":
    '若没有待发送的数据，则发送 FIN（它带有 ACK：一方在自己的第一个 SYN 之后发出的每个报文段都是如此），并进入 FIN_WAIT_1。',
  "SYN_RECEIVED|abort":
    '发送 <SEQ=SND.NXT><CTL=RST>，向排队中的 SEND 和 RECEIVE 调用返回 "connection reset"（连接被重置），并删除传输控制块（TCB）：这是一次异常终止（abortive close）。',
  "SYN_RECEIVED|rcv SYN":
    '已收到的那个 SYN 的重复副本（SEG.SEQ = IRS，位于 RCV.NXT 之前）通不过序列号检查：发送 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段。（Linux 和 BSD 则会重发 SYN+ACK；RFC 把重发这件事留给重传定时器。）',
  "SYN_RECEIVED|rcv SYN+ACK":
    '同时打开（RFC 9293 图 7）：对端的 SYN+ACK 确认了本端的 SYN，因此连接建立；不再发送任何报文段。',
  "SYN_RECEIVED|rcv ACK":
    'SND.UNA < SEG.ACK =< SND.NXT：本端的 SYN 已被确认，连接建立。',
  "SYN_RECEIVED|rcv FIN":
    '该 FIN 携带的 ACK 确认了本端的 SYN（顶替了丢失的第三次握手 ACK），因此连接建立并随即进入半关闭：用 ACK 确认该 FIN。',
  "SYN_RECEIVED|rcv FIN+ACK":
    '其 ACK 确认的是一个从未发送过的 FIN：在 SYN_RECEIVED 状态下，对不可接受的 ACK 回复 <SEQ=SEG.ACK><CTL=RST>。',
  "SYN_RECEIVED|rcv RST":
    '该连接是从 LISTEN 来的（被动打开，passive OPEN）：回到 LISTEN；无需通知用户（图 5，注 1）。',
  "SYN_RECEIVED|timeout":
    '重传超时：重新发送 SYN+ACK，并对重传定时器执行退避。',

  "ESTABLISHED|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "ESTABLISHED|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "ESTABLISHED|send":
    '把数据划分成报文段发送出去；每个报文段都带有 ACK。',
  "ESTABLISHED|close":
    '在所有排队的数据之后发送 FIN；它带有 ACK，因此实际发出的是 FIN+ACK。进入 FIN_WAIT_1。',
  "ESTABLISHED|abort":
    '发送 <SEQ=SND.NXT><CTL=RST>，向排队中的 SEND 和 RECEIVE 调用返回 "connection reset"（连接被重置），并删除传输控制块（TCB）：这是一次异常终止（abortive close）。',
  "ESTABLISHED|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "ESTABLISHED|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。对于重传的 SYN+ACK（本端第三次握手的 ACK 丢失了），这恰好就是它所需要的 ACK。',
  "ESTABLISHED|rcv ACK":
    '本端的 SYN 早已被确认：此处的 ACK 要么是在确认数据（SND.UNA 前移），要么是重复的。状态不变。',
  "ESTABLISHED|rcv FIN":
    '对端已发送完毕：RCV.NXT 前移越过该 FIN，用 ACK 确认它，并告知用户 "connection closing"（连接正在关闭）。',
  "ESTABLISHED|rcv FIN+ACK":
    '其 ACK 确认的是本端从未发送过的 FIN（SEG.ACK > SND.NXT）：发送一个 ACK，并丢弃该报文段。',
  "ESTABLISHED|rcv RST":
    '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：向用户报告 "connection reset"（连接被重置），删除传输控制块（TCB）。',
  "ESTABLISHED|timeout":
    '此状态下只可能有数据尚未被确认：重新发送重传队列队首的报文段（它带有 ACK）；状态保持不变。',

  "FIN_WAIT_1|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "FIN_WAIT_1|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "FIN_WAIT_1|send":
    '报错 "connection closing"（连接正在关闭）：本端已经发送了自己的 FIN，不能再发送任何数据。',
  "FIN_WAIT_1|close":
    '报错 "connection closing"（连接正在关闭）：本端已经关闭过了；绝不会发送第二个 FIN。',
  "FIN_WAIT_1|abort":
    '发送 <SEQ=SND.NXT><CTL=RST>，向排队中的 SEND 和 RECEIVE 调用返回 "connection reset"（连接被重置），并删除传输控制块（TCB）：这是一次异常终止（abortive close）。',
  "FIN_WAIT_1|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "FIN_WAIT_1|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "FIN_WAIT_1|rcv ACK":
    '本端的 FIN 已被确认；等待对端的 FIN。',
  "FIN_WAIT_1|rcv FIN":
    '同时关闭：对端的 FIN 与本端的 FIN 在途中交错而过，并且没有确认本端的 FIN。用 ACK 确认该 FIN，并等待对端对本端 FIN 的 ACK。',
  "FIN_WAIT_1|rcv FIN+ACK":
    '该 FIN 同时确认了本端的 FIN（对端的 ACK 和 FIN 在同一个报文段中）：直接进入 TIME_WAIT，用 ACK 确认该 FIN，启动 2MSL 定时器。',
  "FIN_WAIT_1|rcv RST":
    '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：向用户报告 "connection reset"（连接被重置），删除传输控制块（TCB）。',
  "FIN_WAIT_1|timeout":
    '重传超时：重新发送 FIN，并对重传定时器执行退避。',

  "FIN_WAIT_2|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "FIN_WAIT_2|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "FIN_WAIT_2|send":
    '报错 "connection closing"（连接正在关闭）：本端已经发送了自己的 FIN，不能再发送任何数据。',
  "FIN_WAIT_2|close":
    '报错 "connection closing"（连接正在关闭）：本端已经关闭过了；绝不会发送第二个 FIN。',
  "FIN_WAIT_2|abort":
    '发送 <SEQ=SND.NXT><CTL=RST>，向排队中的 SEND 和 RECEIVE 调用返回 "connection reset"（连接被重置），并删除传输控制块（TCB）：这是一次异常终止（abortive close）。',
  "FIN_WAIT_2|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "FIN_WAIT_2|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "FIN_WAIT_2|rcv ACK":
    '本端的 FIN 已经被确认：此处的 ACK 不再确认任何新内容。对端发来的数据仍照常接收并确认。',
  "FIN_WAIT_2|rcv FIN":
    '对端也已发送完毕：用 ACK 确认其 FIN，进入 TIME_WAIT，并启动 2MSL 定时器。',
  "FIN_WAIT_2|rcv FIN+ACK":
    '对端的 FIN（其确认号字段重复了对本端 FIN 的确认）：用 ACK 确认它，进入 TIME_WAIT，并启动 2MSL 定时器。',
  "FIN_WAIT_2|rcv RST":
    '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：向用户报告 "connection reset"（连接被重置），删除传输控制块（TCB）。',
  "FIN_WAIT_2|timeout":
    '没有尚未确认的数据，因此没有重传定时器在运行；RFC 9293 没有为 FIN_WAIT_2 规定定时器（Linux 会在 tcp_fin_timeout 即 60 秒之后丢弃孤儿套接字）。',

  "CLOSE_WAIT|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "CLOSE_WAIT|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "CLOSE_WAIT|send":
    '半关闭：对端已发送完毕，但本端仍可以发送数据；每个报文段都带有 ACK。',
  "CLOSE_WAIT|close":
    '在所有排队的数据之后发送 FIN（带 ACK），并在 LAST_ACK 状态等待对它的确认。',
  "CLOSE_WAIT|abort":
    '发送 <SEQ=SND.NXT><CTL=RST>，向排队中的 SEND 和 RECEIVE 调用返回 "connection reset"（连接被重置），并删除传输控制块（TCB）：这是一次异常终止（abortive close）。',
  "CLOSE_WAIT|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "CLOSE_WAIT|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "CLOSE_WAIT|rcv ACK":
    '这是对本端数据的 ACK，或者是重复的：状态不变。',
  "CLOSE_WAIT|rcv FIN":
    '重传的 FIN（对端没有收到本端的 ACK）：再次确认它，保持在 CLOSE_WAIT。',
  "CLOSE_WAIT|rcv FIN+ACK":
    '其 ACK 确认的是本端从未发送过的 FIN（SEG.ACK > SND.NXT）：发送一个 ACK，并丢弃该报文段。',
  "CLOSE_WAIT|rcv RST":
    '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：向用户报告 "connection reset"（连接被重置），删除传输控制块（TCB）。',
  "CLOSE_WAIT|timeout":
    '此状态下只可能有数据尚未被确认：重新发送重传队列队首的报文段（它带有 ACK）；状态保持不变。',

  "CLOSING|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "CLOSING|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "CLOSING|send":
    '报错 "connection closing"（连接正在关闭）：本端已经发送了自己的 FIN，不能再发送任何数据。',
  "CLOSING|close":
    '报错 "connection closing"（连接正在关闭）：本端已经关闭过了；绝不会发送第二个 FIN。',
  "CLOSING|abort":
    '回应 "ok"（成功）并删除传输控制块（TCB）；双方都已发送各自的 FIN 之后，不再发送复位报文段。',
  "CLOSING|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "CLOSING|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "CLOSING|rcv ACK":
    '该 ACK 确认了本端的 FIN：进入 TIME_WAIT，并启动 2MSL 定时器。',
  "CLOSING|rcv FIN":
    '重传的 FIN（对端没有收到本端的 ACK）：再次确认它，保持在 CLOSING。',
  "CLOSING|rcv FIN+ACK":
    '重传的 FIN，其 ACK 字段现在覆盖了本端的 FIN：处理这个 ACK（第五项检查：本端 FIN 已被确认，进入 TIME_WAIT 并启动 2MSL 定时器），并再次确认这个重复的 FIN（第八项检查）。',
  "CLOSING|rcv RST":
    '可接受的复位报文段：进入 CLOSED，删除传输控制块（TCB）。',
  "CLOSING|timeout":
    '重传超时：重新发送 FIN，并对重传定时器执行退避。',

  "LAST_ACK|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "LAST_ACK|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "LAST_ACK|send":
    '报错 "connection closing"（连接正在关闭）：本端已经发送了自己的 FIN，不能再发送任何数据。',
  "LAST_ACK|close":
    '报错 "connection closing"（连接正在关闭）：本端已经关闭过了；绝不会发送第二个 FIN。',
  "LAST_ACK|abort":
    '回应 "ok"（成功）并删除传输控制块（TCB）；双方都已发送各自的 FIN 之后，不再发送复位报文段。',
  "LAST_ACK|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "LAST_ACK|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "LAST_ACK|rcv ACK":
    '本端的 FIN 已被确认：删除传输控制块（TCB）。被动关闭方不需要经过 TIME_WAIT。',
  "LAST_ACK|rcv FIN":
    '重传的 FIN（对端没有收到本端的 ACK）：再次确认它，保持在 LAST_ACK。',
  "LAST_ACK|rcv FIN+ACK":
    '重传的 FIN，其 ACK 字段现在覆盖了本端的 FIN：处理这个 ACK（第五项检查：本端 FIN 已被确认，于是删除传输控制块（TCB）、进入 CLOSED 并返回）；不发送任何报文段。',
  "LAST_ACK|rcv RST":
    '可接受的复位报文段：进入 CLOSED，删除传输控制块（TCB）。',
  "LAST_ACK|timeout":
    '重传超时：重新发送 FIN，并对重传定时器执行退避。',

  "TIME_WAIT|passive open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "TIME_WAIT|active open":
    '报错 "connection already exists"（连接已存在）：该连接的传输控制块（TCB）已在使用中。',
  "TIME_WAIT|send":
    '报错 "connection closing"（连接正在关闭）：本端已经发送了自己的 FIN，不能再发送任何数据。',
  "TIME_WAIT|close":
    '报错 "connection closing"（连接正在关闭）：本端已经关闭过了；绝不会发送第二个 FIN。',
  "TIME_WAIT|abort":
    '回应 "ok"（成功）并删除传输控制块（TCB）；双方都已发送各自的 FIN 之后，不再发送复位报文段。',
  "TIME_WAIT|rcv SYN":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。这是序号不高于 RCV.NXT 的 SYN 的情形，它可能是旧的重复报文段；序号高于 RCV.NXT 的 SYN 可以重新打开连接（3.6.1 节）。',
  "TIME_WAIT|rcv SYN+ACK":
    '在同步状态下收到 SYN：发送挑战 ACK（challenge ACK）<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>，并丢弃该报文段（RFC 5961）。',
  "TIME_WAIT|rcv ACK":
    '双方的 FIN 都已被确认；一个迷途的 ACK 不会改变任何东西。',
  "TIME_WAIT|rcv FIN":
    '重传的 FIN（对端没有收到本端的 ACK）：再次确认它并重启 2MSL 定时器，保持在 TIME_WAIT。',
  "TIME_WAIT|rcv FIN+ACK":
    '重传的 FIN（对端没有收到本端的 ACK）：再次确认它并重启 2MSL 定时器，保持在 TIME_WAIT。',
  "TIME_WAIT|rcv RST":
    '可接受的复位报文段：进入 CLOSED，删除传输控制块（TCB）。（RFC 1337 称之为“TIME-WAIT 暗杀”，即 TIME-WAIT assassination；有些协议栈在此会忽略 RST。）',
  "TIME_WAIT|timeout":
    '2MSL 定时器（进入 TIME_WAIT 时启动，每收到一次重传的 FIN 就重新启动）已到期：删除传输控制块（TCB）。',
};

/** Rows whose note differs when the connection was opened actively (`whenActiveOpen`). */
export const NOTES_ZH_ACTIVE_OPEN: Readonly<Record<string, string>> = {
  "SYN_RECEIVED|rcv RST":
    '同时打开（主动打开，active OPEN）之后连接被拒绝：报告 "connection refused"（连接被拒绝），删除传输控制块（TCB）。',
};

/** Linux's TIME_WAIT timer is the fixed TCP_TIMEWAIT_LEN, where RFC 9293 has 2MSL (lib/tcp/linux-machine.ts). */
const LINUX_TIME_WAIT_TIMER_KEYS = [
  "FIN_WAIT_1|rcv FIN+ACK",
  "FIN_WAIT_2|rcv FIN",
  "FIN_WAIT_2|rcv FIN+ACK",
  "CLOSING|rcv ACK",
  "TIME_WAIT|rcv FIN",
  "TIME_WAIT|rcv FIN+ACK",
] as const;

const LINUX_TIME_WAIT_TIMER_NOTES: Readonly<Record<string, string>> = Object.fromEntries(
  LINUX_TIME_WAIT_TIMER_KEYS.map((key) => [`linux|${key}`, NOTES_ZH[key]!.replace("2MSL 定时器", "60 秒的 TIME_WAIT 定时器（TCP_TIMEWAIT_LEN）")]),
);

/**
 * The notes of every other case, keyed by the outcome's `noteKey`: the
 * variants of a row (`STATE|event|variant`) and the Linux profile's rows
 * (`linux|STATE|event`). test/tcp/notes-zh.test.ts keeps it complete.
 */
export const NOTES_ZH_CASES: Readonly<Record<string, string>> = {
  ...LINUX_TIME_WAIT_TIMER_NOTES,
  "TIME_WAIT|rcv SYN|newer SYN":
    '序号高于 RCV.NXT 的 SYN 不可能属于旧连接：RFC 允许（MAY-2，沿用 RFC 1122 4.2.2.13；有时间戳时见 RFC 6191）直接从 TIME_WAIT 重新打开连接，新连接的 ISS 要高于旧连接用过的任何序列号。发送 <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>，进入 SYN_RECEIVED。',
  "linux|LISTEN|active open":
    '对监听套接字调用 connect() 会失败：套接字不处于 CLOSE 状态，__inet_stream_connect 返回 EISCONN，套接字继续监听。（RFC 9293 抽象的 OPEN 可以把监听端转为主动，套接字 API 做不到。）',
  "linux|LISTEN|send":
    '对监听套接字调用 send() 以 EPIPE 失败（若未设 MSG_NOSIGNAL 还会收到 SIGPIPE）：只有 SYN_SENT 和 SYN_RECV 可以等待连接建立。（RFC 9293 的 SEND 可以把监听端转为主动，套接字 API 做不到。）',
  "linux|SYN_SENT|rcv RST":
    '复位报文段的 ACK 确认了本端的 SYN：connect() 以 ECONNREFUSED 失败（"connection refused"；RFC 9293 称 "connection reset"），套接字关闭。',
  "linux|SYN_RECEIVED|rcv SYN":
    '收到重传的 SYN（它的 SYN+ACK 丢了）时，挂起的连接请求立即重发 SYN+ACK（inet_rtx_syn_ack）；RFC 9293 则只回一个纯 ACK，把 SYN+ACK 的重传交给重传定时器。',
  "linux|SYN_RECEIVED|rcv RST":
    '该连接来自监听套接字：挂起的连接请求被丢弃（inet_csk_reqsk_queue_drop），监听套接字继续监听；应用程序对此一无所知。',
  "linux|SYN_RECEIVED|rcv RST|active open":
    '同时打开之后，处于 SYN_RECV 的是套接字本身：tcp_reset 关闭它，connect() 以 ECONNRESET 失败（RFC 9293 称 "connection refused"）。',
  "linux|SYN_RECEIVED|abort": LINUX_ABORT,
  "linux|ESTABLISHED|abort": LINUX_ABORT,
  "linux|FIN_WAIT_1|abort": LINUX_ABORT,
  "linux|FIN_WAIT_2|abort": LINUX_ABORT,
  "linux|CLOSE_WAIT|abort": LINUX_ABORT,
  "linux|ESTABLISHED|rcv RST": LINUX_RESET,
  "linux|FIN_WAIT_1|rcv RST": LINUX_RESET,
  "linux|FIN_WAIT_2|rcv RST": LINUX_RESET,
  "linux|CLOSE_WAIT|rcv RST":
    '可接受的复位报文段（其序列号恰好等于 RCV.NXT）：套接字关闭；由于对端早已发送完毕，Linux 报告 EPIPE（管道破裂），而不是 ECONNRESET。',
  "linux|FIN_WAIT_2|timeout":
    '孤儿 FIN_WAIT_2（应用程序调用的是 close() 而不是 shutdown()）只持续 tcp_fin_timeout，默认 60 秒；之后套接字被删除，不发送任何报文段。RFC 9293 没有这样的定时器。',
  "linux|CLOSING|rcv FIN+ACK":
    '重传的 FIN，其 ACK 覆盖了本端的 FIN：SND.UNA 到达 FIN 之后，TCP_CLOSING 分支调用 tcp_time_wait 并消耗该报文段而不作应答；对端的下一次重传会遇到 TIME_WAIT 套接字，由它回 ACK。',
  "linux|TIME_WAIT|rcv SYN":
    '序号不高于 RCV.NXT（且没有更新的时间戳）的 SYN 可能是旧的重复报文段：TIME_WAIT 套接字回一个 ACK（有速率限制），保持不变。',
  "linux|TIME_WAIT|rcv SYN|newer SYN":
    '序号高于 RCV.NXT 或时间戳更新的 SYN 使函数返回 TCP_TW_SYN：TIME_WAIT 套接字被销毁，端口上的监听套接字回复 SYN+ACK，ISN 取旧的 SND.NXT + 65537。（若没有监听套接字，这个 SYN 只会换来一个 ACK。）',
  "linux|TIME_WAIT|rcv RST":
    '序号等于 RCV.NXT 的复位报文段会销毁 TIME_WAIT 套接字：tcp_rfc1337 取默认值 0 时，Linux 接受这种 TIME-WAIT 暗杀（RFC 1337）；tcp_rfc1337 = 1 时忽略该复位，照常等满 60 秒。',
  "linux|TIME_WAIT|timeout":
    'TIME_WAIT 持续 TCP_TIMEWAIT_LEN，固定为 60 秒（不是 2 × MSL，也没有 sysctl 可以修改）；每收到一次重传的 FIN 就重新计时。到期后删除该 timewait 套接字。',
};

/** The Chinese note of any outcome of any profile, or undefined if it has none. */
export function zhNoteOf(outcome: { from: string; event: string; noteKey?: string; variant?: string }): string | undefined {
  const key = outcome.noteKey ?? `${outcome.from}|${outcome.event}`;
  if (outcome.variant === "active open" && !key.startsWith("linux|")) return NOTES_ZH_ACTIVE_OPEN[`${outcome.from}|${outcome.event}`];
  return NOTES_ZH_CASES[key] ?? NOTES_ZH[key];
}

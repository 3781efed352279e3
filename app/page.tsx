import { diagramArrows, TCP_STATES } from "@/lib/tcp";
import { SCENARIOS } from "@/lib/sim";
import { getContentSummary } from "@/lib/server/content-queries";

// The content in the database changes whenever npm start loads new files.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const arrows = diagramArrows();
  const content = await getContentSummary();
  return (
    <main>
      <h1>SynAck</h1>
      <p className="lede" lang="zh-CN">
        用测验和抽认卡练习 TCP 连接的生命周期：三次握手、四次挥手、TIME_WAIT 与 11 种状态。每个答案都由 RFC 9293 参考状态机算出。
      </p>
      <p className="lede" lang="en">
        Practise the TCP connection lifecycle with quizzes and flashcards: the handshake, the close, TIME_WAIT and all 11 states.
        Every answer comes from a reference RFC 9293 state machine.
      </p>

      <div className="grid">
        <section className="card" aria-labelledby="states-heading">
          <h2 id="states-heading">11 种状态 · The 11 states</h2>
          <p>{TCP_STATES.join(" · ")}</p>
        </section>
        <section className="card" aria-labelledby="content-heading">
          <h2 id="content-heading">内容 · Content</h2>
          <p>
            {content.notes} 篇笔记 · {content.cards} 张抽认卡 · {content.quizzes} 套测验
            <br />
            {content.notes} notes · {content.cards} flashcards · {content.quizzes} quizzes · {content.claims} facts checked against the machine
          </p>
        </section>
        <section className="card" aria-labelledby="scenarios-heading">
          <h2 id="scenarios-heading">场景 · Scenarios</h2>
          <p>
            {SCENARIOS.length} 个可回放的场景 · {SCENARIOS.length} simulated scenarios, from <code>open</code> to <code>no-time-wait</code>.
          </p>
        </section>
      </div>

      <h2>RFC 9293 状态图的箭头 · The arrows of RFC 9293&apos;s diagram</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">从 · from</th>
            <th scope="col">事件 · event</th>
            <th scope="col">到 · to</th>
            <th scope="col">发送 · sends</th>
          </tr>
        </thead>
        <tbody>
          {arrows.map((arrow) => (
            <tr key={`${arrow.from}-${arrow.event}`}>
              <td>
                <code>{arrow.from}</code>
              </td>
              <td>{arrow.event}</td>
              <td>
                <code>{arrow.to}</code>
              </td>
              <td>{arrow.sends ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

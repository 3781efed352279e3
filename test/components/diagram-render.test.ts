import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SequenceDiagram } from "@/components/diagram/sequence-diagram";
import { StateDiagram } from "@/components/diagram/state-diagram";
import { describeSegment, runScenario } from "@/lib/sim";
import { diagramArrows, TCP_STATES } from "@/lib/tcp";

describe("StateDiagram", () => {
  it("draws every state and every arrow of the table", () => {
    const html = renderToStaticMarkup(createElement(StateDiagram, { lang: "en" }));
    for (const state of TCP_STATES) expect(html).toContain(`data-state="${state}"`);
    expect(html.match(/data-edge="/g)).toHaveLength(new Set(diagramArrows().map((a) => `${a.from}->${a.to}`)).size);
    expect(html).toContain("rcv SYN / snd SYN+ACK");
    expect(html).toContain('role="img"');
    expect(html).not.toContain('role="button"');
  });

  it("makes the states buttons when they can be selected, and marks the current one in text", () => {
    const html = renderToStaticMarkup(createElement(StateDiagram, { lang: "zh", current: "LISTEN", onSelect: () => undefined }));
    expect(html.match(/role="button"/g)).toHaveLength(TCP_STATES.length);
    expect(html).toMatch(/data-state="LISTEN"[^>]*data-current="true"[^>]*role="button" tabindex="0" aria-pressed="true"/);
    expect(html).toContain(">当前</text>");
    expect(html).toContain("收到 SYN / 发送 SYN+ACK");
  });

  it("draws a highlighted transition bold, and one Figure 5 leaves out dashed", () => {
    const drawn = renderToStaticMarkup(createElement(StateDiagram, { lang: "en", highlightTransition: { from: "LISTEN", event: "rcv SYN" } }));
    expect(drawn).toMatch(/data-edge="LISTEN-&gt;SYN_RECEIVED" data-highlighted="true"/);
    const notDrawn = renderToStaticMarkup(createElement(StateDiagram, { lang: "en", highlightTransition: { from: "FIN_WAIT_1", event: "rcv FIN+ACK" } }));
    expect(notDrawn).toContain('data-edge="extra"');
    expect(notDrawn).toContain("rcv FIN+ACK / snd ACK");
  });

  it("under Linux marks the arrows Linux departs from and says what it does instead", () => {
    const html = renderToStaticMarkup(createElement(StateDiagram, { lang: "en", profile: "linux" }));
    // LISTEN → SYN_SENT, SYN_RECEIVED → LISTEN, and the three arrows whose TIME_WAIT timer is Linux's 60 s.
    expect(html.match(/data-departs="linux"/g)).toHaveLength(5);
    expect(html).toMatch(/data-edge="TIME_WAIT-&gt;CLOSED"[^>]*data-departs="linux"/);
    expect(html).toMatch(/data-edge="FIN_WAIT_2-&gt;TIME_WAIT"[^>]*data-departs="linux"/);
    expect(html).toMatch(/data-edge="CLOSING-&gt;TIME_WAIT"[^>]*data-departs="linux"/);
    expect(html).toContain("60 s timeout / —");
    expect(html).toContain("send ✕ EPIPE");
    expect(html).toContain("Behaviour: Linux");
    // connect() and send() on a listener fail on Linux: no event takes LISTEN → SYN_SENT, drawn dashed.
    expect(html).toMatch(/class="[^"]*blocked[^"]*" data-edge="LISTEN-&gt;SYN_SENT"/);
    expect(renderToStaticMarkup(createElement(StateDiagram, { lang: "en" }))).not.toContain("data-departs");
  });

  it("draws the arrow a row's case actually takes, under the profile's rules", () => {
    // After a simultaneous open a reset goes to CLOSED, not along Figure 5's arrow back to LISTEN.
    const simultaneous = renderToStaticMarkup(
      createElement(StateDiagram, { lang: "en", highlightTransition: { from: "SYN_RECEIVED", event: "rcv RST", variant: "active open" } }),
    );
    expect(simultaneous).not.toMatch(/data-edge="SYN_RECEIVED-&gt;LISTEN" data-highlighted/);
    expect(simultaneous).toContain('data-edge="extra"');
    // Linux's orphaned FIN_WAIT_2 timer is not in Figure 5: drawn dashed and marked.
    const finWait2 = renderToStaticMarkup(createElement(StateDiagram, { lang: "en", profile: "linux", highlightTransition: { from: "FIN_WAIT_2", event: "timeout" } }));
    expect(finWait2).toMatch(/data-edge="extra" data-highlighted="true" data-departs="linux"/);
  });

  it("marks each side's state with a letter, not only a colour", () => {
    const html = renderToStaticMarkup(createElement(StateDiagram, { lang: "en", sides: { client: "SYN_SENT", server: "SYN_RECEIVED" } }));
    expect(html).toContain("Client: SYN_SENT, Server: SYN_RECEIVED");
    expect(html).toMatch(/>C<\/text>/);
    expect(html).toMatch(/>S<\/text>/);
  });
});

describe("SequenceDiagram", () => {
  const trace = runScenario("close-client-first");

  it("draws each segment in both layouts and lists the trace as text", () => {
    const html = renderToStaticMarkup(createElement(SequenceDiagram, { trace, lang: "en" }));
    expect(html.match(/data-segment="1"/g)).toHaveLength(2);
    expect(html).toContain("#1 FIN+ACK");
    expect(html).toContain(`Client → Server: ${describeSegment(trace.steps[0]!.segment!)}; Client enters FIN_WAIT_1`);
    expect(html).toContain("The diagram as text");
  });

  it("hides a blanked segment's flags and numbers everywhere", () => {
    const second = trace.steps.find((step) => step.segment?.n === 2)!.segment!;
    const html = renderToStaticMarkup(createElement(SequenceDiagram, { trace, lang: "en", blank: { kind: "segment", n: 2 } }));
    expect(html).toContain("#2 ?");
    expect(html).not.toContain(describeSegment(second));
  });

  it("hides a blanked state everywhere", () => {
    const step = trace.steps.findIndex((s) => s.server === "CLOSE_WAIT");
    const html = renderToStaticMarkup(createElement(SequenceDiagram, { trace, lang: "zh", blank: { kind: "state", step, side: "server" } }));
    expect(html).not.toContain("CLOSE_WAIT");
    expect(html).toContain('data-blank="true"');
    expect(html).toContain("服务器进入 ?（空白）");
  });

  it("marks the steps not yet taken in the text version", () => {
    const html = renderToStaticMarkup(createElement(SequenceDiagram, { trace, lang: "en", upToStep: 2 }));
    expect(html.match(/\(not yet\)/g)).toHaveLength(trace.steps.length - 2);
    expect(html).toContain("◀ current step");
  });
});

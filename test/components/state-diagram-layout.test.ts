import { describe, expect, it } from "vitest";
import { boxContains, boxesOverlap, inflate } from "@/components/diagram/geometry";
import {
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  layoutStateDiagram,
  NODES,
  SECOND_CLOSED,
  STATE_POSITIONS,
  targetNode,
} from "@/components/diagram/state-diagram-layout";
import { stateDiagramLayout } from "@/components/diagram/state-diagram";
import { arrowLabel } from "@/lib/learn/event-labels";
import { diagramArrows, NO_TIME_WAIT_MACHINE, TCP_STATES, TWO_WAY_HANDSHAKE_MACHINE } from "@/lib/tcp";

describe("state positions", () => {
  it("place every state once, inside the drawing, with no two boxes touching", () => {
    expect(Object.keys(STATE_POSITIONS).sort()).toEqual([...TCP_STATES].sort());
    for (const node of NODES) {
      expect(node.box.x).toBeGreaterThanOrEqual(0);
      expect(node.box.y).toBeGreaterThanOrEqual(0);
      expect(node.box.x + node.box.width).toBeLessThanOrEqual(DIAGRAM_WIDTH);
      expect(node.box.y + node.box.height).toBeLessThanOrEqual(DIAGRAM_HEIGHT);
    }
    for (const a of NODES) for (const b of NODES) if (a !== b) expect(boxesOverlap(a.box, b.box, 10), `${a.key} and ${b.key}`).toBe(false);
  });

  it("follow Figure 5: CLOSED above LISTEN above ESTABLISHED, SYN_RECEIVED left of SYN_SENT, the closing states below", () => {
    const p = STATE_POSITIONS;
    expect(p.CLOSED.y).toBeLessThan(p.LISTEN.y);
    expect(p.LISTEN.y).toBeLessThan(p.SYN_SENT.y);
    expect(p.SYN_RECEIVED.x).toBeLessThan(p.ESTABLISHED.x);
    expect(p.ESTABLISHED.x).toBeLessThan(p.SYN_SENT.x);
    expect(p.SYN_SENT.y).toBeLessThan(p.ESTABLISHED.y);
    expect(p.FIN_WAIT_1.x).toBeLessThan(p.ESTABLISHED.x);
    expect(p.CLOSE_WAIT.x).toBeGreaterThan(p.ESTABLISHED.x);
    expect(p.FIN_WAIT_1.y).toBeLessThan(p.FIN_WAIT_2.y);
    expect(p.CLOSE_WAIT.y).toBeLessThan(p.LAST_ACK.y);
    expect(p.CLOSING.y).toBeLessThan(p.TIME_WAIT.y);
  });

  it("send the arrows into CLOSED from the closing states to the second CLOSED, as the figure does", () => {
    expect(targetNode("LAST_ACK", "CLOSED").center).toEqual(SECOND_CLOSED);
    expect(targetNode("TIME_WAIT", "CLOSED").center).toEqual(SECOND_CLOSED);
    expect(targetNode("LISTEN", "CLOSED").center).toEqual(STATE_POSITIONS.CLOSED);
  });
});

describe.each([
  ["en", "rfc9293"],
  ["zh", "rfc9293"],
  ["en", "linux"],
  ["zh", "linux"],
] as const)("the layout of the reference machine (%s, labelled for %s)", (lang, profile) => {
  const layout = stateDiagramLayout(lang, profile);
  const arrows = diagramArrows();

  it("draws every arrow of diagramArrows() in exactly one edge, with a path and an arrowhead", () => {
    for (const arrow of arrows) {
      const edges = layout.edges.filter((edge) => edge.arrows.some((a) => a.from === arrow.from && a.event === arrow.event));
      expect(edges, `${arrow.from} × ${arrow.event}`).toHaveLength(1);
      expect(edges[0]).toMatchObject({ from: arrow.from, to: arrow.to });
      expect(edges[0]!.d).toMatch(/^M[\d.]+ [\d.]+[LQ]/);
      expect(edges[0]!.head.split(" ")).toHaveLength(3);
    }
    expect(layout.edges.flatMap((edge) => edge.arrows)).toHaveLength(arrows.length);
  });

  it('labels each edge with one "event / action" line per arrow', () => {
    const edge = layout.edges.find((candidate) => candidate.from === "FIN_WAIT_2" && candidate.to === "TIME_WAIT")!;
    expect(edge.label.lines).toEqual(edge.arrows.map((arrow) => arrowLabel(arrow.event, arrow.sends, lang, arrow.from)));
    expect(edge.label.lines).toHaveLength(2);
  });

  it("keeps every line clear of the states it does not join", () => {
    for (const edge of layout.edges) {
      const ends = new Set([edge.from, edge.to]);
      for (const node of NODES.filter((n) => !ends.has(n.state))) {
        const crossing = edge.samples.filter((p) => boxContains(inflate(node.box, 2), p));
        expect(crossing, `${edge.id} crosses ${node.key}`).toHaveLength(0);
      }
    }
  });

  it("puts every label inside the drawing, off every state and off every other label", () => {
    for (const edge of layout.edges) {
      const box = edge.label.box;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(DIAGRAM_WIDTH);
      for (const node of NODES) expect(boxesOverlap(box, node.box), `${edge.id} label on ${node.key}`).toBe(false);
      for (const other of layout.edges) {
        if (other !== edge) expect(boxesOverlap(box, other.label.box), `${edge.id} label on ${other.id} label`).toBe(false);
      }
    }
  });
});

describe("the layout of the counterfactual machines", () => {
  it.each([TWO_WAY_HANDSHAKE_MACHINE, NO_TIME_WAIT_MACHINE])("draws every arrow of $name", (machine) => {
    const arrows = diagramArrows(machine);
    const layout = layoutStateDiagram(arrows, (arrow) => arrowLabel(arrow.event, arrow.sends, "en"));
    expect(layout.edges.flatMap((edge) => edge.arrows)).toHaveLength(arrows.length);
  });
});

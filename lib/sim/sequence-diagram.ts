import type { Segment, Trace, TraceStep } from "./types";

const STATE_WIDTH = 13;
const MIDDLE_WIDTH = 54;

/** Label of a segment as learners write it: "#2 SYN+ACK seq=300 ack=101". */
export function describeSegment(segment: Segment): string {
  if (Number.isNaN(segment.seq)) return `#${segment.n} ??? seq=? ack=?`;
  const ack = segment.ack === null ? "" : ` ack=${segment.ack}`;
  const len = segment.len > 0 ? ` len=${segment.len}` : "";
  return `#${segment.n} ${segment.flags} seq=${segment.seq}${ack}${len}`;
}

export type DiagramBlank = { kind: "segment"; n: number } | { kind: "state"; step: number; side: "client" | "server" };

/**
 * A sequence diagram for the terminal: time, the client's state, the segment
 * sent at that step as an arrow, the server's state. `title` replaces the
 * scenario's title line (its ISNs mean nothing for a replayed capture).
 */
export function renderSequenceDiagram(trace: Trace, blank?: DiagramBlank, title?: string): string {
  // Eight characters hold every scenario's times; a capture's timers can run longer.
  const timeWidth = Math.max(8, ...trace.steps.map((step) => String(step.t).length));
  const header = `${"t (ms)".padStart(timeWidth)}  ${"client".padEnd(STATE_WIDTH)} ${"".padEnd(MIDDLE_WIDTH)} ${"server".padEnd(STATE_WIDTH)} event`;
  const start = `${"".padStart(timeWidth)}  ${trace.initial.client.padEnd(STATE_WIDTH)} ${center("(start)", MIDDLE_WIDTH)} ${trace.initial.server}`;
  const hidden = hiddenStates(trace, blank);
  const lines = trace.steps.map((step, index) => {
    const client = hidden.has(`client:${index}`) ? "?" : step.client;
    const server = hidden.has(`server:${index}`) ? "?" : step.server;
    const masked = blank?.kind === "segment" && step.segment?.n === blank.n ? { ...step, segment: { ...step.segment, flags: "?", seq: Number.NaN, ack: null } } : step;
    return `${String(step.t).padStart(timeWidth)}  ${client.padEnd(STATE_WIDTH)} ${middle(masked)} ${server.padEnd(STATE_WIDTH)} ${eventLabel(step)}`;
  });
  // A counterfactual machine replaces the profile's; name it then, else the profile alone.
  const rules = trace.machine === trace.profile || (trace.profile === "rfc9293" && trace.machine === "rfc9293") ? `profile ${trace.profile}` : `profile ${trace.profile}, machine ${trace.machine}`;
  const heading = title ?? `${trace.scenario}  (${rules}; first ISNs client=${trace.isn.client}, server=${trace.isn.server}; later connections take the ISN clock)`;
  const bytes = `bytes delivered: client ${trace.bytes.client.delivered}, server ${trace.bytes.server.delivered}`;
  return [heading, "", header, start, ...lines, "", bytes].join("\n");
}

/** A blanked state stays hidden on every row until that side's state changes again. */
function hiddenStates(trace: Trace, blank?: DiagramBlank): Set<string> {
  const hidden = new Set<string>();
  if (blank?.kind !== "state") return hidden;
  const state = trace.steps[blank.step]?.[blank.side];
  for (let index = blank.step; index < trace.steps.length && trace.steps[index]![blank.side] === state; index++) {
    hidden.add(`${blank.side}:${index}`);
  }
  return hidden;
}

function eventLabel(step: TraceStep): string {
  const event = step.at === "network" ? `network: ${step.event}` : `${step.at}: ${step.event}`;
  return step.error ? `${event} (error: ${step.error})` : event;
}

function middle(step: TraceStep): string {
  if (step.event === "lost") return center(`✗ #${step.lost} lost`, MIDDLE_WIDTH);
  if (!step.segment) return " ".repeat(MIDDLE_WIDTH);
  if (step.segment.to === step.segment.from) {
    // A self-connect: the segment comes back to the side that sent it.
    const loop = `↺ ${describeSegment(step.segment)} (back to the ${step.segment.from})`;
    return step.segment.from === "client" ? loop.padEnd(MIDDLE_WIDTH) : loop.padStart(MIDDLE_WIDTH);
  }
  const label = ` ${describeSegment(step.segment)} `;
  const fill = Math.max(2, MIDDLE_WIDTH - label.length - 2);
  const left = Math.floor(fill / 2);
  const right = fill - left;
  const arrow =
    step.segment.from === "client" ? `${"─".repeat(left)}${label}${"─".repeat(right)}─▶` : `◀─${"─".repeat(left)}${label}${"─".repeat(right)}`;
  return arrow.padEnd(MIDDLE_WIDTH);
}

function center(text: string, width: number): string {
  const pad = Math.max(0, width - text.length);
  return " ".repeat(Math.floor(pad / 2)) + text + " ".repeat(pad - Math.floor(pad / 2));
}

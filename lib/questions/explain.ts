import type { BilingualText } from "../content";
import { NOTES_ZH, NOTES_ZH_ACTIVE_OPEN } from "../tcp/notes-zh";
import type { Outcome } from "../tcp";
import { describeSegment, machineSteps, type Trace } from "../sim";
import { eventPhrase } from "./phrases";

/** The machine's reason for an outcome, in both languages, with its RFC section. */
export function outcomeReason(outcome: Outcome, activeOpen = false): BilingualText {
  const key = `${outcome.from}|${outcome.event}`;
  const zh = (activeOpen ? NOTES_ZH_ACTIVE_OPEN[key] : undefined) ?? NOTES_ZH[key] ?? outcome.note;
  return { zh: `${zh}（RFC 9293 §${outcome.rfc}）`, en: `${outcome.note} (RFC 9293 §${outcome.rfc})` };
}

/** "FIN_WAIT_1 + rcv FIN → CLOSING, sends ACK", then the reason. */
export function explainOutcome(outcome: Outcome): BilingualText {
  const reason = outcomeReason(outcome);
  const event = eventPhrase(outcome.event, outcome.from);
  const sendsZh = outcome.sends ? `，发送 ${outcome.sends}` : "，不发送任何报文段";
  const sendsEn = outcome.sends ? `, sending ${outcome.sends}` : ", sending nothing";
  const moveZh = outcome.to === outcome.from ? `仍停留在 ${outcome.to}` : `进入 ${outcome.to}`;
  const moveEn = outcome.to === outcome.from ? `stays in ${outcome.to}` : `moves to ${outcome.to}`;
  return {
    zh: `在 ${outcome.from} 状态下${event.zh}：${moveZh}${sendsZh}。${reason.zh}`,
    en: `In ${outcome.from}, when ${event.en}, the endpoint ${moveEn}${sendsEn}. ${reason.en}`,
  };
}

/**
 * The trace as numbered lines that both languages share (segments and state
 * names are the same in both), under a heading in each language.
 */
export function explainTrace(trace: Trace, upToStep = trace.steps.length): BilingualText {
  const lines: string[] = [];
  const changes = new Map(machineSteps(trace).map((step) => [step.index, step]));
  trace.steps.slice(0, upToStep).forEach((step, index) => {
    const change = changes.get(index);
    const states = change && change.from !== change.to ? ` [${change.side}: ${change.from} → ${change.to}]` : "";
    if (step.event === "lost") lines.push(`t=${step.t}ms  ✗ #${step.lost} lost`);
    else if (step.segment) lines.push(`t=${step.t}ms  ${step.at}: ${step.event} → ${describeSegment(step.segment)} (${step.segment.from} → ${step.segment.from === "client" ? "server" : "client"})${states}`);
    else lines.push(`t=${step.t}ms  ${step.at}: ${step.event}${states}`);
  });
  const body = lines.join("\n");
  return { zh: `机器的轨迹：\n${body}`, en: `The machine's trace:\n${body}` };
}

export function joinParagraphs(...parts: BilingualText[]): BilingualText {
  return { zh: parts.map((part) => part.zh).join("\n\n"), en: parts.map((part) => part.en).join("\n\n") };
}

import type { BilingualText } from "../content";
import { zhNoteOf } from "../tcp/notes-zh";
import { PROFILES, rowVariants, type Outcome, type ProfileName, type TransitionContext } from "../tcp";
import { describeSegment, machineSteps, peerOf, type Segment, type Side, type Trace } from "../sim";
import { eventPhrase, SIDE_NAMES, stateClause, traceEventName } from "./phrases";

/** The machine's reason for an outcome, in both languages, with its RFC section and, for a Linux row, the kernel source. */
export function outcomeReason(outcome: Outcome): BilingualText {
  const zh = zhNoteOf(outcome) ?? outcome.note;
  const source = outcome.kernel ? `RFC 9293 §${outcome.rfc}; Linux ${outcome.kernel}` : `RFC 9293 §${outcome.rfc}`;
  return { zh: `${zh}（${source}）`, en: `${outcome.note} (${source})` };
}

/** "FIN_WAIT_1 + rcv FIN → CLOSING, sends ACK", then the reason. */
export function explainOutcome(outcome: Outcome, context: TransitionContext = {}): BilingualText {
  const reason = outcomeReason(outcome);
  const event = eventPhrase(outcome.event, outcome.from, context);
  const clause = stateClause(context);
  const sendsZh = outcome.sends ? `，发送 ${outcome.sends}` : "，不发送任何报文段";
  const sendsEn = outcome.sends ? `, sending ${outcome.sends}` : ", sending nothing";
  const moveZh = outcome.to === outcome.from ? `仍停留在 ${outcome.to}` : `进入 ${outcome.to}`;
  const moveEn = outcome.to === outcome.from ? `stays in ${outcome.to}` : `moves to ${outcome.to}`;
  const errorZh = outcome.error ? `，应用得到错误 "${outcome.error}"` : "";
  const errorEn = outcome.error ? `, and the application gets "${outcome.error}"` : "";
  return {
    zh: `在 ${outcome.from} 状态${clause.zh}下，${event.zh}：${moveZh}${sendsZh}${errorZh}。${reason.zh}`,
    en: `In ${outcome.from}${clause.en} when ${event.en}, the endpoint ${moveEn}${sendsEn}${errorEn}. ${reason.en}`,
  };
}

/** Where a segment goes: the peer, or its own sender in a self-connect (`Segment.to`). */
export function receiverOf(segment: Segment): Side {
  return segment.to ?? peerOf(segment.from);
}

/**
 * The trace as numbered lines, one per step, in each language: segments and
 * state names are the same in both, the events and sides are translated.
 */
export function explainTrace(trace: Trace, upToStep = trace.steps.length): BilingualText {
  const zh: string[] = [];
  const en: string[] = [];
  const changes = new Map(machineSteps(trace).map((step) => [step.index, step]));
  let before = { ...trace.initial };
  trace.steps.slice(0, upToStep).forEach((step, index) => {
    const change = changes.get(index);
    const moved = change && change.from !== change.to;
    const statesEn = moved ? ` [${change.side}: ${change.from} → ${change.to}]` : "";
    const statesZh = moved ? ` [${SIDE_NAMES[change.side].zh}：${change.from} → ${change.to}]` : "";
    if (step.event === "lost") {
      en.push(`t=${step.t}ms  ✗ #${step.lost} lost`);
      zh.push(`t=${step.t}ms  ✗ #${step.lost} 丢失`);
    } else {
      const name = traceEventName(step.event, step.at === "network" ? undefined : before[step.at]);
      const whoEn = step.at;
      const whoZh = step.at === "network" ? "网络" : SIDE_NAMES[step.at].zh;
      const segment = step.segment;
      const sentEn = segment ? ` → ${describeSegment(segment)} (${segment.from} → ${receiverOf(segment)})` : "";
      const sentZh = segment ? ` → ${describeSegment(segment)}（${SIDE_NAMES[segment.from].zh} → ${SIDE_NAMES[receiverOf(segment)].zh}）` : "";
      en.push(`t=${step.t}ms  ${whoEn}: ${name.en}${sentEn}${statesEn}`);
      zh.push(`t=${step.t}ms  ${whoZh}：${name.zh}${sentZh}${statesZh}`);
    }
    before = { client: step.client, server: step.server };
  });
  return { zh: `机器的轨迹：\n${zh.join("\n")}`, en: `The machine's trace:\n${en.join("\n")}` };
}

/**
 * Why the step at `index` went as it did, when the machine's table decided it:
 * the side, the state it was in and the rule, recomputed from the table of
 * the trace's profile so that both languages give the same reason.
 */
export function explainStep(trace: Trace, index: number, profile: ProfileName): BilingualText | null {
  const step = machineSteps(trace).find((candidate) => candidate.index === index);
  if (!step) return null;
  const recorded = trace.steps[index]!;
  const cases = rowVariants(step.from, step.event, PROFILES[profile].machine).map((entry) => entry.outcome);
  const outcome = cases.find((candidate) => (recorded.variant ? candidate.variant === recorded.variant : candidate.to === step.to)) ?? cases[0]!;
  const side = SIDE_NAMES[step.side];
  const reason = outcomeReason(outcome);
  return {
    zh: `这一步${side.zh}处于 ${step.from}，事件是「${traceEventName(step.event, step.from).zh}」：${reason.zh}`,
    en: `At this step ${side.en} is in ${step.from} and the event is "${step.event}": ${reason.en}`,
  };
}

export function joinParagraphs(...parts: (BilingualText | null)[]): BilingualText {
  const present = parts.filter((part): part is BilingualText => part !== null);
  return { zh: present.map((part) => part.zh).join("\n\n"), en: present.map((part) => part.en).join("\n\n") };
}

import { checkClaim } from "@/lib/content";
import type { Question, QuestionContext, QuestionKind } from "@/lib/questions";
import { runScenario, sentSegments, stateSequence, type Segment, type Side } from "@/lib/sim";
import { PROFILES, transition, type ProfileName, type TcpEvent, type TcpState, type TransitionContext } from "@/lib/tcp";

const mod32 = (n: number) => ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;

const segmentOf = (segment: Segment | undefined) => segment && { flags: segment.flags, seq: segment.seq, ack: segment.ack };

function outcome(params: Record<string, unknown>, profile: ProfileName) {
  return transition(params.state as TcpState, params.event as TcpEvent, (params.context ?? {}) as TransitionContext, PROFILES[profile].machine);
}

/** A true-false statement judged again: by the content checker for RFC 9293, by the table or a fresh run otherwise. */
function judge(params: Record<string, unknown>, profile: ProfileName): boolean {
  const claim = params.claim as Record<string, unknown>;
  const context = params.context as TransitionContext | undefined;
  if (profile === "rfc9293" && !context) return checkClaim(claim).length === 0;
  if ("in" in claim) {
    const real = transition(claim.in as TcpState, claim.on as TcpEvent, context ?? {}, PROFILES[profile].machine);
    return real.to === claim.then && (real.sends ?? "nothing") === claim.sends;
  }
  const trace = runScenario(claim.scenario as string, { isn: claim.isn as { client: number; server: number } | undefined, profile });
  if ("states" in claim) {
    return Object.entries(claim.states as Record<Side, string[]>).every(([side, states]) => stateSequence(trace, side as Side).join() === states.join());
  }
  const entries = claim.segments as Record<string, unknown>[];
  const claimed = entries[entries.length - 1]!;
  const real = sentSegments(trace)[entries.length - 1];
  return !!real && real.from === claimed.from && real.flags === claimed.flags && real.seq === claimed.seq && real.ack === (claimed.ack ?? null);
}

/**
 * Each kind's answer recomputed from its params, in any profile, by a path
 * other than the generator's: the table, a fresh scenario run, or plain
 * arithmetic. For `order` of segments the segments themselves are returned
 * (their ids would be the same in any profile even where the segments differ).
 */
export function recheck(question: Question, profile: ProfileName, context: QuestionContext): unknown {
  const params = question.params;
  const kind = question.kind as QuestionKind;
  switch (kind) {
    case "next-state":
      return outcome(params, profile).to;
    case "sends":
      return outcome(params, profile).sends ?? "nothing";
    case "segment": {
      const p = params as { scenario: string; lose: number[]; index: number; isn: { client: number; server: number } };
      return segmentOf(sentSegments(runScenario(p.scenario, { isn: p.isn, lose: p.lose, profile }))[p.index - 1]);
    }
    case "order": {
      const p = params as { scenario: string; what: string; side?: Side; isn?: { client: number; server: number } };
      const trace = runScenario(p.scenario, { isn: p.isn, profile });
      return p.what === "states" ? stateSequence(trace, p.side!) : sentSegments(trace).map(segmentOf);
    }
    case "match":
      return { pairs: Object.fromEntries((params.states as string[]).map((state) => [state, `m-${state}`])) };
    case "which-side": {
      const trace = runScenario(params.scenario as string, { profile });
      const client = stateSequence(trace, "client").includes(params.state as TcpState);
      const server = stateSequence(trace, "server").includes(params.state as TcpState);
      return client && server ? "both" : client ? "client" : server ? "server" : "neither";
    }
    case "what-if": {
      const p = params as { scenario: string; change: string; lose?: number[]; delay?: Record<number, number> };
      if (p.change === "lose") {
        const trace = runScenario(p.scenario, { lose: p.lose, profile });
        const lostAt = trace.steps.findIndex((step) => step.lost === p.lose![0]);
        const next = trace.steps.find((step, index) => index > lostAt && step.segment && step.at !== "network")!;
        return `${next.at}|${next.event}|${next.segment!.flags}`;
      }
      const trace = runScenario(p.scenario, { delay: p.delay, profile });
      const n = Number(Object.keys(p.delay!)[0]);
      const receiver: Side = sentSegments(trace)[n - 1]!.from === "client" ? "server" : "client";
      const sentAt = trace.steps.findIndex((step) => step.segment?.n === n);
      return trace.steps.find((step, index) => index > sentAt && step.at === receiver && step.received !== undefined)![receiver];
    }
    case "true-false":
      return judge(params, profile) ? "true" : "false";
    case "trace-gap": {
      const p = params as { scenario: string; isn: { client: number; server: number }; blank: { kind: string; step: number; side: Side; n: number } };
      const trace = runScenario(p.scenario, { isn: p.isn, profile });
      if (p.blank.kind === "state") return trace.steps[p.blank.step]?.[p.blank.side];
      return segmentOf(sentSegments(trace)[p.blank.n - 1]);
    }
    case "why":
      return context.whyCards.find((card) => card.id === params.card)!.keyPoints;
    case "seq-arith": {
      const p = params as { isn: { client: number; server: number }; clientBytes: number; serverBytes: number; target: string };
      const clientFin = mod32(p.isn.client + 1 + p.clientBytes);
      const serverFin = mod32(p.isn.server + 1 + p.serverBytes);
      return { "client-fin-seq": clientFin, "server-ack-of-fin": mod32(clientFin + 1), "server-fin-seq": serverFin, "client-last-ack": mod32(serverFin + 1) }[p.target];
    }
  }
}

/** The answer as the learner sees it: for an order of segments, the segments in their order. */
export function seenAnswer(question: Question): unknown {
  if (question.kind !== "order" || question.params.what !== "segments") return question.answer;
  const p = question.params as { scenario: string; isn: { client: number; server: number } };
  const segments = sentSegments(runScenario(p.scenario, { isn: p.isn, profile: question.profile }));
  return (question.answer as string[]).map((id) => segmentOf(segments[Number(id.slice(1)) - 1]));
}

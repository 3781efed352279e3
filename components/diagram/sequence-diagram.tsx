import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { statesBefore } from "@/lib/learn/step-note";
import { profileEventLabel } from "@/lib/learn/profile-arrows";
import { describeSegment, peerOf, type Trace } from "@/lib/sim";
import type { Point } from "./geometry";
import styles from "./sequence-diagram.module.css";
import {
  layoutSequenceDiagram,
  NARROW_LAYOUT,
  WIDE_LAYOUT,
  type SegmentArrow,
  type SequenceBlank,
  type SequenceLayout,
  type StateMark,
} from "./sequence-layout";

export interface SequenceDiagramProps {
  trace: Trace;
  /** How many steps are done; later ones are dimmed. All by default. */
  upToStep?: number;
  /** One segment's label or one state to hide, for "fill in the gap" questions. */
  blank?: SequenceBlank;
  lang: Language;
  className?: string;
}

/**
 * A trace as a sequence diagram: client left, server right, time downwards.
 * Drawn twice, for wide and for narrow containers (a container query picks
 * one), so that labels stay readable on a phone; a text version follows.
 */
export function SequenceDiagram({ trace, upToStep, blank, lang, className }: SequenceDiagramProps) {
  const words = { lost: learn.lost[lang], oldDuplicate: learn.oldDuplicate[lang] };
  const input = { trace, words, ...(upToStep === undefined ? {} : { upToStep }), ...(blank ? { blank } : {}) };
  const label = format(learn.sequenceLabel[lang], { scenario: trace.scenario });
  return (
    <div className={[styles.sequence, className].filter(Boolean).join(" ")} data-testid="sequence-diagram">
      <SequenceSvg layout={layoutSequenceDiagram(input, WIDE_LAYOUT)} label={label} lang={lang} className={styles.wide} />
      <SequenceSvg layout={layoutSequenceDiagram(input, NARROW_LAYOUT)} label={label} lang={lang} className={styles.narrow} />
      <SequenceText trace={trace} upToStep={upToStep ?? trace.steps.length} blank={blank} lang={lang} />
    </div>
  );
}

function SequenceSvg({ layout, label, lang, className }: { layout: SequenceLayout; label: string; lang: Language; className?: string }) {
  const { options, width, height } = layout;
  const { client, server } = options.lifelines;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className={[styles.svg, className].filter(Boolean).join(" ")} role="img" aria-label={label}>
      {layout.rows
        .filter((row) => row.current)
        .map((row) => (
          <g key="current" className={styles.currentRow}>
            <rect x={0} y={row.y - options.rowHeight / 2 + 2} width={width} height={options.rowHeight - 4} rx={4} />
            <polygon points={`0,${row.y - 6} 7,${row.y} 0,${row.y + 6}`} className={styles.currentMarker} />
          </g>
        ))}
      <text x={10} y={layout.headerY} className={styles.timeHeader} style={{ fontSize: options.timeFont }}>
        {learn.timeHeader[lang]}
      </text>
      {(["client", "server"] as const).map((side) => (
        <g key={side} className={side === "client" ? styles.client : styles.server}>
          <text x={options.lifelines[side]} y={layout.headerY} textAnchor="middle" className={styles.sideName}>
            {learn[side][lang]}
          </text>
          {layout.lifelineSpans.map((span, i) => (
            <line
              key={i}
              x1={options.lifelines[side]}
              x2={options.lifelines[side]}
              y1={span.from}
              y2={span.to}
              className={span.pause ? styles.pause : styles.lifeline}
            />
          ))}
        </g>
      ))}
      {layout.rows.map((row) => (
        <g key={row.step} className={row.future ? styles.future : undefined} data-row={row.step}>
          {row.t !== null && (
            <text x={10} y={row.y + options.timeDy} className={styles.time} style={{ fontSize: options.timeFont }}>
              {row.t}
            </text>
          )}
          {row.actors.map((side) => (
            <circle
              key={side}
              cx={side === "client" ? client : server}
              cy={row.y}
              r={3.5}
              className={side === "client" ? styles.clientDot : styles.serverDot}
            />
          ))}
        </g>
      ))}
      {layout.states.map((mark) => (
        <StateLabel key={`${mark.side}-${mark.step}`} mark={mark} fontSize={options.stateFont} />
      ))}
      {layout.segments.map((arrow) => (
        <SegmentLine key={arrow.n} arrow={arrow} fontSize={options.labelFont} />
      ))}
    </svg>
  );
}

function StateLabel({ mark, fontSize }: { mark: StateMark; fontSize: number }) {
  const classes = [styles.state, mark.side === "client" ? styles.client : styles.server, mark.future ? styles.future : ""].filter(Boolean).join(" ");
  if (mark.state === null) {
    const width = fontSize * 4;
    const x = mark.anchor === "end" ? mark.x - width : mark.x;
    return (
      <g className={`${classes} ${styles.blank}`} data-side={mark.side} data-step={mark.step} data-blank="true">
        <rect x={x} y={mark.y - fontSize} width={width} height={fontSize * 1.4} rx={3} />
        <text x={x + width / 2} y={mark.y} textAnchor="middle" style={{ fontSize }}>
          ?
        </text>
      </g>
    );
  }
  return (
    <text x={mark.x} y={mark.y} textAnchor={mark.anchor} className={classes} style={{ fontSize }} data-side={mark.side} data-step={mark.step}>
      {mark.state}
    </text>
  );
}

function SegmentLine({ arrow, fontSize }: { arrow: SegmentArrow; fontSize: number }) {
  const classes = [
    styles.segment,
    arrow.from === "client" ? styles.client : styles.server,
    arrow.future ? styles.future : "",
    arrow.oldDuplicate ? styles.old : "",
  ];
  const { start, end, via, label, inFlightTo } = arrow;
  const lineHeight = fontSize * 1.2;
  // A loop's solid part turns at `via` only once it has got that far.
  const flown = inFlightTo && via && inFlightTo.y > via.y ? [start, via, inFlightTo] : [start, inFlightTo];
  return (
    <g className={classes.filter(Boolean).join(" ")} data-segment={arrow.n} data-lost={arrow.lost || undefined} data-loop={via ? "true" : undefined}>
      {inFlightTo ? (
        <>
          <polyline points={points([start, via, end])} className={styles.ahead} />
          <polyline points={points(flown)} className={styles.segmentLine} />
        </>
      ) : (
        <polyline points={points([start, via, end])} className={styles.segmentLine} />
      )}
      {arrow.head && <polygon points={arrow.head} className={[styles.head, arrow.inFlightTo ? styles.aheadHead : ""].filter(Boolean).join(" ")} />}
      {arrow.lost && (
        <g className={[styles.cross, arrow.inFlightTo ? styles.aheadHead : ""].filter(Boolean).join(" ")}>
          <line x1={end.x - 6} y1={end.y - 6} x2={end.x + 6} y2={end.y + 6} />
          <line x1={end.x - 6} y1={end.y + 6} x2={end.x + 6} y2={end.y - 6} />
        </g>
      )}
      <g transform={`translate(${label.x} ${label.y}) rotate(${label.angle})`}>
        <text textAnchor="middle" className={styles.segmentLabel} style={{ fontSize }}>
          {label.above.map((line, i) => (
            <tspan key={`a${i}`} x={0} y={-4 - (label.above.length - 1 - i) * lineHeight} className={styles.segmentHead}>
              {line}
            </tspan>
          ))}
          {label.below.map((line, i) => (
            <tspan key={`b${i}`} x={0} y={4 + fontSize * 0.85 + i * lineHeight}>
              {line}
            </tspan>
          ))}
        </text>
      </g>
    </g>
  );
}

/** "x1,y1 x2,y2 …" for a polyline, skipping the points not there. */
function points(list: (Point | null | undefined)[]): string {
  return list
    .filter((point): point is Point => Boolean(point))
    .map((point) => `${point.x},${point.y}`)
    .join(" ");
}

/** The same diagram as a list, for screen readers and anyone who prefers text. */
function SequenceText({ trace, upToStep, blank, lang }: { trace: Trace; upToStep: number; blank?: SequenceBlank; lang: Language }) {
  const side = (name: "client" | "server") => learn[name][lang];
  return (
    <details className={styles.text}>
      <summary>{learn.asText[lang]}</summary>
      <ol>
        <li>{format(learn.textStart[lang], { client: trace.initial.client, server: trace.initial.server })}</li>
        {trace.steps.map((step, index) => {
          const before = statesBefore(trace, index);
          const parts: string[] = [];
          const who = step.at === "network" ? learn.network[lang] : side(step.at);
          const state = step.at === "network" ? undefined : before[step.at];
          parts.push(`t=${step.t} ms · ${who}: ${profileEventLabel(step.event, lang, state, trace.profile)}`);
          if (step.segment) {
            const hidden = blank?.kind === "segment" && blank.n === step.segment.n;
            const text = hidden ? `#${step.segment.n} ?` : describeSegment(step.segment);
            const to = step.segment.to ?? peerOf(step.segment.from);
            parts.push(format(learn.textSegment[lang], { from: side(step.segment.from), to: side(to), segment: text }));
          }
          if (step.lost !== undefined) parts.push(format(learn.textLost[lang], { n: step.lost }));
          for (const name of ["client", "server"] as const) {
            if (step[name] === before[name]) continue;
            const hidden = blank?.kind === "state" && blank.side === name && blank.step === index;
            parts.push(format(learn.textState[lang], { side: side(name), state: hidden ? learn.blankState[lang] : step[name] }));
          }
          const future = index >= upToStep;
          return (
            <li key={index} className={future ? styles.futureText : undefined}>
              {parts.join(lang === "zh" ? "；" : "; ")}
              {future && ` ${learn.textNotYet[lang]}`}
              {index === upToStep - 1 && <strong> ◀ {learn.currentStepMarker[lang]}</strong>}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

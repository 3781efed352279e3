import type { KeyboardEvent } from "react";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { arrowLabel } from "@/lib/learn/event-labels";
import { departsFromRfc, profileArrowLabel, profileOutcome, type RowCase } from "@/lib/learn/profile-arrows";
import type { Side } from "@/lib/sim";
import { DEFAULT_PROFILE, diagramArrows, PROFILES, type ProfileName, type TcpState } from "@/lib/tcp";
import { accuracyBand, combine, percent, type Accuracy, type AccuracyBand } from "./accuracy-scale";
import styles from "./diagram.module.css";
import {
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  layoutStateDiagram,
  placeLabel,
  routeEdge,
  sourceNode,
  targetNode,
  type DiagramNode,
  type LabelPlacement,
  type StateDiagramLayout,
} from "./state-diagram-layout";

export interface StateDiagramProps {
  lang: Language;
  /** Whose rules label the arrows: RFC 9293 (the default) or Linux, where arrows that differ are marked. */
  profile?: ProfileName;
  /** The state to highlight. */
  current?: TcpState;
  /** Makes the states buttons (click, Enter or Space). */
  onSelect?: (state: TcpState) => void;
  /** A transition (a case of a row, under `profile`) to draw bold; one that Figure 5 does not draw is added dashed. */
  highlightTransition?: RowCase;
  /** Marks each side's state with C or S, for traces of two endpoints. */
  sides?: Partial<Record<Side, TcpState>>;
  /**
   * A class's accuracy by transition ("STATE|event"): each arrow is coloured, patterned and labelled with its %
   * (components/diagram/accuracy-scale.ts); arrows nobody answered stay neutral. The page gives the text alternative.
   */
  accuracy?: ReadonlyMap<string, Accuracy>;
  className?: string;
}

const BAND_CLASS: Record<AccuracyBand, string | undefined> = { none: undefined, low: styles.bandLow, mid: styles.bandMid, high: styles.bandHigh };

const layouts = new Map<string, StateDiagramLayout>();

/**
 * The layout of Figure 5's arrows (the reference machine's), labelled in
 * `lang` with what they do under `profile`; computed once per language and profile.
 */
export function stateDiagramLayout(lang: Language, profile: ProfileName = DEFAULT_PROFILE): StateDiagramLayout {
  const key = `${lang}|${profile}`;
  let layout = layouts.get(key);
  if (!layout) {
    layout = layoutStateDiagram(diagramArrows(), (arrow) => profileArrowLabel(arrow, lang, profile));
    layouts.set(key, layout);
  }
  return layout;
}

/**
 * RFC 9293 Figure 5 as SVG, its arrows read from the transition table. With
 * `onSelect` the states are focusable buttons; without, it is a picture.
 */
export function StateDiagram({ lang, profile = DEFAULT_PROFILE, current, onSelect, highlightTransition, sides, accuracy, className }: StateDiagramProps) {
  const layout = accuracy ? accuracyLayout(lang, profile, accuracy) : stateDiagramLayout(lang, profile);
  const edgeBand = (arrows: readonly { from: TcpState; event: string }[]) =>
    accuracy ? accuracyBand(combine(arrows.map((arrow) => accuracy.get(`${arrow.from}|${arrow.event}`)))) : "none";
  const t = (key: keyof typeof learn) => learn[key][lang];
  // The edge that draws the transition's actual outcome: after a simultaneous open, SYN_RECEIVED's reset is not the arrow back to LISTEN.
  const goesTo = highlightTransition ? profileOutcome(highlightTransition, profile).to : undefined;
  const highlighted = highlightTransition
    ? layout.edges.find((edge) => edge.to === goesTo && edge.arrows.some((a) => a.from === highlightTransition.from && a.event === highlightTransition.event))
    : undefined;
  const extra = highlightTransition && !highlighted ? extraArrow(layout, highlightTransition, lang, profile) : null;
  const departs = (arrow: RowCase) => profile !== DEFAULT_PROFILE && departsFromRfc(arrow, profile);
  const interactive = Boolean(onSelect);
  const currentNode = layout.nodes.find((node) => node.state === current && !node.repeat);
  const profileNote = profile === DEFAULT_PROFILE ? "" : `${t("profileLegend")}${lang === "zh" ? "：" : ": "}${PROFILES[profile].label[lang]}`;
  const summary = [profileNote, current ? `${t("currentStateIs")}${current}` : "", sideSummary(sides, lang)].filter(Boolean).join("; ");

  return (
    <svg
      viewBox={`0 0 ${DIAGRAM_WIDTH} ${DIAGRAM_HEIGHT}`}
      className={[styles.stateDiagram, className].filter(Boolean).join(" ")}
      role={interactive ? "group" : "img"}
      aria-label={summary ? `${t("diagramLabel")}. ${summary}` : t("diagramLabel")}
      data-testid="state-diagram"
    >
      <g aria-hidden="true">
        {layout.edges.map((edge) => {
          const isHighlighted = edge === highlighted;
          const edgeDeparts = edge.arrows.some(departs);
          // Under the profile no event takes this arrow at all (Linux: connect() and send() on a listener fail).
          const blocked = edgeDeparts && edge.arrows.every((arrow) => profileOutcome(arrow, profile).to === arrow.from);
          const band = edgeBand(edge.arrows);
          return (
            <g
              key={edge.id}
              className={[isHighlighted ? styles.highlighted : "", edgeDeparts ? styles.departs : "", blocked ? styles.blocked : "", BAND_CLASS[band] ?? ""].filter(Boolean).join(" ") || undefined}
              data-edge={edge.id}
              data-accuracy={accuracy ? band : undefined}
              data-highlighted={isHighlighted || undefined}
              data-departs={edgeDeparts ? profile : undefined}
            >
              <path d={edge.d} className={styles.edgeLine} />
              <polygon points={edge.head} className={styles.edgeHead} />
            </g>
          );
        })}
        {/* Labels after every line, so that no arrow is drawn across another arrow's label. */}
        {layout.edges.map((edge) => {
          const isHighlighted = edge === highlighted;
          const departing = edge.arrows.map(departs);
          return (
            <g
              key={edge.id}
              className={[isHighlighted ? styles.highlighted : "", departing.some(Boolean) ? styles.departs : "", BAND_CLASS[edgeBand(edge.arrows)] ?? ""].filter(Boolean).join(" ") || undefined}
            >
              <EdgeLabel
                label={edge.label}
                boldLine={isHighlighted ? edge.arrows.findIndex((a) => a.event === highlightTransition?.event) : -1}
                departing={departing}
              />
            </g>
          );
        })}
        {extra && (
          <g
            className={[styles.highlighted, styles.notDrawn, extra.departs ? styles.departs : ""].filter(Boolean).join(" ")}
            data-edge="extra"
            data-highlighted="true"
            data-departs={extra.departs ? profile : undefined}
          >
            <path d={extra.d} className={styles.edgeLine} />
            <polygon points={extra.head} className={styles.edgeHead} />
            <EdgeLabel label={extra.label} boldLine={0} departing={[extra.departs]} />
          </g>
        )}
      </g>
      {/* In reading order, top to bottom and left to right, so that Tab follows the picture. */}
      {[...layout.nodes].sort((a, b) => a.center.y - b.center.y || a.center.x - b.center.x).map((node) => (
        <StateNode
          key={node.key}
          node={node}
          lang={lang}
          current={current}
          sides={sides}
          onSelect={node.repeat ? undefined : onSelect}
          repeatClick={node.repeat ? onSelect : undefined}
        />
      ))}
      {currentNode && <CurrentTag node={currentNode} lang={lang} />}
    </svg>
  );
}

/** Figure 5 with each arrow's label followed by the class's % on it: laid out afresh, since the labels are wider. */
function accuracyLayout(lang: Language, profile: ProfileName, accuracy: ReadonlyMap<string, Accuracy>): StateDiagramLayout {
  return layoutStateDiagram(diagramArrows(), (arrow) => {
    const entry = accuracy.get(`${arrow.from}|${arrow.event}`);
    const value = entry ? percent(entry) : null;
    return `${profileArrowLabel(arrow, lang, profile)}${value === null ? "" : ` · ${value}%`}`;
  });
}

/** A label, one line per event; `departing` marks the lines whose outcome the profile changes. */
function EdgeLabel({ label, boldLine, departing = [] }: { label: LabelPlacement; boldLine: number; departing?: boolean[] }) {
  return (
    <>
      <rect x={label.box.x} y={label.box.y} width={label.box.width} height={label.box.height} rx={3} className={styles.labelBackground} />
      <text className={styles.edgeLabel} textAnchor={label.anchor}>
        {label.lines.map((line, i) => (
          <tspan
            key={i}
            x={label.x}
            y={label.baselines[i]}
            className={[i === boldLine ? styles.boldLine : "", departing[i] ? styles.departingLine : ""].filter(Boolean).join(" ") || undefined}
          >
            {line}
          </tspan>
        ))}
      </text>
    </>
  );
}

/**
 * The "current" tag above the current state's box, drawn apart from the state's button: the button's name is the
 * state's name, all of its visible text (WCAG 2.5.3), and aria-pressed tells a screen reader that it is the current one.
 */
function CurrentTag({ node, lang }: { node: DiagramNode; lang: Language }) {
  return (
    <text x={node.box.x + node.box.width} y={node.box.y - 9} textAnchor="end" className={styles.currentTag} aria-hidden="true">
      {learn.currentTag[lang]}
    </text>
  );
}

interface StateNodeProps {
  node: DiagramNode;
  lang: Language;
  current?: TcpState;
  sides?: Partial<Record<Side, TcpState>>;
  onSelect?: (state: TcpState) => void;
  /** The second CLOSED box takes clicks too, but is not a second tab stop. */
  repeatClick?: (state: TcpState) => void;
}

function StateNode({ node, lang, current, sides, onSelect, repeatClick }: StateNodeProps) {
  const isCurrent = node.state === current;
  const here = (["client", "server"] as const).filter((side) => sides?.[side] === node.state);
  const { box, center } = node;
  const classes = [styles.node, isCurrent ? styles.current : "", node.repeat ? styles.repeat : "", onSelect || repeatClick ? styles.clickable : ""];
  const select = onSelect ?? repeatClick;
  const buttonProps = onSelect
    ? {
        role: "button",
        tabIndex: 0,
        "aria-pressed": isCurrent,
        "aria-label": nodeLabel(node.state, here, lang),
        onKeyDown: (event: KeyboardEvent<SVGGElement>) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            onSelect(node.state);
          }
        },
      }
    : { "aria-hidden": true };
  return (
    <g
      className={classes.filter(Boolean).join(" ")}
      data-state={node.state}
      data-current={isCurrent || undefined}
      onClick={select ? () => select(node.state) : undefined}
      {...buttonProps}
    >
      {isCurrent && <rect x={box.x - 5} y={box.y - 5} width={box.width + 10} height={box.height + 10} rx={11} className={styles.currentRing} />}
      <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={7} className={styles.nodeBox} />
      <text x={center.x} y={center.y + 5} textAnchor="middle" className={styles.nodeText}>
        {node.state}
      </text>
      {here.map((side) => (
        <g key={side} className={side === "client" ? styles.clientMark : styles.serverMark}>
          <circle cx={side === "client" ? box.x + 2 : box.x + box.width - 2} cy={box.y + 2} r={11} />
          <text x={side === "client" ? box.x + 2 : box.x + box.width - 2} y={box.y + 6.5} textAnchor="middle">
            {side === "client" ? "C" : "S"}
          </text>
        </g>
      ))}
      <title>{nodeLabel(node.state, here, lang)}</title>
    </g>
  );
}

function nodeLabel(state: TcpState, here: Side[], lang: Language): string {
  if (here.length === 0) return state;
  return `${state} (${here.map((side) => learn[side][lang]).join(", ")})`;
}

function sideSummary(sides: Partial<Record<Side, TcpState>> | undefined, lang: Language): string {
  if (!sides) return "";
  return (["client", "server"] as const)
    .filter((side) => sides[side])
    .map((side) => `${learn[side][lang]}${lang === "zh" ? "：" : ": "}${sides[side]}`)
    .join(", ");
}

/** A change of state that Figure 5 leaves out (FIN_WAIT_1 on FIN+ACK, any abort, Linux's FIN_WAIT_2 timer), drawn for the moment. */
function extraArrow(layout: StateDiagramLayout, highlight: RowCase, lang: Language, profile: ProfileName) {
  const outcome = profileOutcome(highlight, profile);
  if (outcome.to === outcome.from) return null;
  const route = routeEdge(sourceNode(outcome.from), targetNode(outcome.from, outcome.to), 0);
  const lines = layout.edges.flatMap((edge) => edge.samples.map((point) => ({ id: edge.id, point })));
  const text = [arrowLabel(outcome.event, outcome.sends, lang, outcome.from)];
  const label = placeLabel(route, text, "extra", lines, layout.edges.map((edge) => edge.label.box));
  return { d: route.d, head: route.head, label, departs: profile !== DEFAULT_PROFILE && outcome.kernel !== undefined };
}


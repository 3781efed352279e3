import styles from "./calendar-heatmap.module.css";

export interface HeatmapDay {
  day: string;
  /** 0 (nothing) to 4 (busiest). */
  level: 0 | 1 | 2 | 3 | 4;
  /** The day in words, for the tooltip ("Mar 5: 12 reviews, 3 answers"). */
  title: string;
}

export interface CalendarHeatmapProps {
  /** Consecutive days from a Monday; the last is today. */
  days: HeatmapDay[];
  /** Labels above the columns where a month starts, by week index. */
  months: { week: number; label: string }[];
  /** Monday to Sunday, short; only Mon, Wed, Fri are drawn. */
  weekdays: string[];
  /** A short name for the scrollable area ("Activity"). */
  label: string;
  summary: string;
  legend: { less: string; more: string; description: string; levels: string[]; today: string };
}

const CELL = 13;
const GAP = 3;
const LEFT = 26;
const TOP = 16;
/** Shade and size both grow with the level, so the scale does not rest on colour alone. */
const INSET = [0, 3, 2, 1, 0] as const;

/*
 * A GitHub-style calendar: one column per week, Monday on top. It scales
 * with a viewBox (cells keep their shape) down to a width where its labels
 * are still legible; narrower than that (a phone) it scrolls sideways,
 * starting at the right, where the recent weeks are.
 */
export function CalendarHeatmap({ days, months, weekdays, label, summary, legend }: CalendarHeatmapProps) {
  const weeks = Math.ceil(days.length / 7);
  const width = LEFT + weeks * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP);
  return (
    <div className={styles.wrap}>
      {/* Focusable so that a keyboard can scroll it when it overflows. */}
      <div className={styles.scroller} tabIndex={0} role="group" aria-label={label}>
        <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
          {months.map((month) => (
            <text key={month.week} x={LEFT + month.week * (CELL + GAP)} y={TOP - 5} className={styles.label}>
              {month.label}
            </text>
          ))}
          {[0, 2, 4].map((row) => (
            <text key={row} x={LEFT - 5} y={TOP + row * (CELL + GAP) + CELL - 2.5} textAnchor="end" className={styles.label}>
              {weekdays[row]}
            </text>
          ))}
          {days.map((day, i) => {
            const x = LEFT + Math.floor(i / 7) * (CELL + GAP);
            const y = TOP + (i % 7) * (CELL + GAP);
            const today = i === days.length - 1;
            return (
              <g key={day.day}>
                <title>{day.title}</title>
                <Cell x={x} y={y} level={day.level} />
                {today && <rect x={x - 1.5} y={y - 1.5} width={CELL + 3} height={CELL + 3} rx="3" className={styles.today} />}
              </g>
            );
          })}
        </svg>
      </div>
      <div className={styles.legend}>
        <span className="visually-hidden">{legend.description}</span>
        <span className={styles.scale} aria-hidden="true">
          <span>{legend.less}</span>
          <ul>
            {legend.levels.map((label, level) => (
              <li key={level} title={label}>
                <svg width={CELL} height={CELL} viewBox={`0 0 ${CELL} ${CELL}`}>
                  <Cell x={0} y={0} level={level as HeatmapDay["level"]} />
                </svg>
                <span className={styles.levelLabel}>{label}</span>
              </li>
            ))}
          </ul>
          <span>{legend.more}</span>
        </span>
        <span className={styles.todayKey}>
          <svg width={CELL + 4} height={CELL + 4} aria-hidden="true">
            <rect x="2" y="2" width={CELL} height={CELL} rx="2" className={styles.empty} />
            <rect x="0.75" y="0.75" width={CELL + 2.5} height={CELL + 2.5} rx="3" className={styles.today} />
          </svg>
          {legend.today}
        </span>
      </div>
    </div>
  );
}

/** One day's square: an outlined empty cell, and over it a filled square whose size and shade grow with the level. */
function Cell({ x, y, level }: { x: number; y: number; level: HeatmapDay["level"] }) {
  const inset = INSET[level];
  return (
    <>
      <rect x={x} y={y} width={CELL} height={CELL} rx="2" className={styles.empty} />
      {level > 0 && <rect x={x + inset} y={y + inset} width={CELL - 2 * inset} height={CELL - 2 * inset} rx="1.5" className={styles[`level${level}`]} />}
    </>
  );
}

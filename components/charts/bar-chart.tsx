import type { ReactNode } from "react";
import styles from "./bar-chart.module.css";

export interface BarDatum {
  key: string;
  /** A short label under the bar, or "" for none. */
  tick: string;
  /** The bar's tooltip, a whole sentence ("Mar 5: 12 cards"). */
  title: string;
  /** null draws an empty slot: no data, which is not the same as 0. */
  value: number | null;
  /** The part of `value` drawn hatched (named in the legend), such as overdue cards. */
  hatched?: number;
  /** Text above the bar, or "" for none. */
  label: string;
}

export interface BarChartProps {
  /** Unique on the page: names the hatch pattern. */
  id: string;
  bars: BarDatum[];
  /** Gridlines from 0 up; the last is the top of the scale. */
  gridlines: { value: number; label: string }[];
  /** A dashed line across the chart, such as a target; name it in the legend. */
  reference?: { value: number; label: string };
  /** The chart in one or two sentences, for screen readers. */
  summary: string;
  /** The same data as a table for screen readers. */
  table: { caption: string; headers: [string, string]; rows: [string, string][] };
  legend?: ReactNode;
  /** Hide the labels above the bars when the chart is narrow (many bars). */
  dense?: boolean;
}

const HEIGHT = 176;
const TOP = 18;
const BOTTOM = 24;
const PLOT = HEIGHT - TOP - BOTTOM;

/*
 * Bars laid out in percentages across the width and pixels down it, without
 * a viewBox: the chart stretches to any width while its text keeps its size,
 * so it reads the same on a phone as on a desktop.
 */
export function BarChart({ id, bars, gridlines, reference, summary, table, legend, dense }: BarChartProps) {
  const top = gridlines.at(-1)?.value || 1;
  const y = (value: number) => TOP + PLOT - (Math.min(value, top) / top) * PLOT;
  const slot = 100 / Math.max(1, bars.length);
  const hatch = `${id}-hatch`;
  return (
    <figure className={`${styles.figure} ${dense ? styles.dense : ""}`}>
      <div className={styles.chart}>
        <div className={styles.axis} aria-hidden="true" style={{ height: HEIGHT }}>
          {gridlines.map((line) => (
            <span key={line.value} style={{ top: y(line.value) }}>
              {line.label}
            </span>
          ))}
        </div>
        <svg className={styles.plot} width="100%" height={HEIGHT} role="img" aria-label={summary}>
          <defs>
            <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className={styles.hatchBack} />
              <line x1="0" y1="0" x2="0" y2="6" className={styles.hatchLine} />
            </pattern>
          </defs>
          {gridlines.map((line) => (
            <line key={line.value} x1="0" x2="100%" y1={y(line.value)} y2={y(line.value)} className={line.value === 0 ? styles.baseline : styles.grid} />
          ))}
          {bars.map((bar, i) => {
            const x = `${i * slot + slot * 0.15}%`;
            const width = `${slot * 0.7}%`;
            const center = `${(i + 0.5) * slot}%`;
            const value = bar.value;
            const hatched = Math.min(bar.hatched ?? 0, value ?? 0);
            return (
              <g key={bar.key}>
                <title>{bar.title}</title>
                {/* The whole slot takes the tooltip, so that short bars are easy to point at. */}
                <rect x={`${i * slot}%`} y={TOP} width={`${slot}%`} height={PLOT} className={styles.hit} />
                {value === null ? (
                  <line x1={x} x2={`${(i + 0.85) * slot}%`} y1={y(0) - 1.5} y2={y(0) - 1.5} className={styles.missing} />
                ) : (
                  <>
                    <rect x={x} width={width} y={y(value)} height={y(0) - y(value)} className={styles.bar} />
                    {hatched > 0 && (
                      <rect x={x} width={width} y={y(hatched)} height={y(0) - y(hatched)} fill={`url(#${hatch})`} className={styles.hatched} />
                    )}
                  </>
                )}
                {bar.label && (
                  <text x={center} y={y(value ?? 0) - 4} textAnchor="middle" className={styles.value}>
                    {bar.label}
                  </text>
                )}
                {bar.tick && (
                  <text x={center} y={HEIGHT - 6} textAnchor="middle" className={styles.tick}>
                    {bar.tick}
                  </text>
                )}
              </g>
            );
          })}
          {reference && (
            <line x1="0" x2="100%" y1={y(reference.value)} y2={y(reference.value)} className={styles.reference}>
              <title>{reference.label}</title>
            </line>
          )}
        </svg>
      </div>
      {legend}
      <table className="visually-hidden">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{table.headers[0]}</th>
            <th scope="col">{table.headers[1]}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([head, value]) => (
            <tr key={head}>
              <th scope="row">{head}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A legend swatch that repeats the chart's fill or hatch, with its words beside it. */
export function BarLegend({ items }: { items: { label: string; kind: "bar" | "hatched" | "reference" }[] }) {
  return (
    <ul className={styles.legend}>
      {items.map((item) => (
        <li key={item.label}>
          <span className={`${styles.swatch} ${styles[item.kind]}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

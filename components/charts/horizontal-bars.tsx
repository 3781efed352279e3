import type { ReactNode } from "react";
import styles from "./horizontal-bars.module.css";

export interface HorizontalBar {
  key: string;
  label: ReactNode;
  /** 0 to 1. */
  ratio: number;
  /** The value in words beside the bar ("70% (7/10)"): the bar only repeats it. */
  valueText: string;
}

/**
 * One labelled bar per row, for shares such as accuracy. Each row states its
 * value in text, so the list is its own text alternative; the bars are drawn
 * as decoration beside it.
 */
export function HorizontalBars({ bars, label }: { bars: HorizontalBar[]; label: string }) {
  return (
    <ul className={styles.list} aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.key} className={styles.row}>
          <span className={styles.name}>{bar.label}</span>
          <span className={styles.value}>{bar.valueText}</span>
          <svg className={styles.bar} width="100%" height="10" aria-hidden="true" focusable="false">
            <rect width="100%" height="10" rx="3" className={styles.track} />
            <rect width={`${Math.max(0, Math.min(1, bar.ratio)) * 100}%`} height="10" rx="3" className={styles.fill} />
            {[0.25, 0.5, 0.75].map((mark) => (
              <line key={mark} x1={`${mark * 100}%`} x2={`${mark * 100}%`} y1="0" y2="10" className={styles.mark} />
            ))}
          </svg>
        </li>
      ))}
    </ul>
  );
}

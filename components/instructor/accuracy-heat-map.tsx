import { StateDiagram } from "@/components/diagram/state-diagram";
import { accuracyBand, percent, type Accuracy } from "@/components/diagram/accuracy-scale";
import type { Language } from "@/lib/i18n/language";
import { instructorResults } from "@/lib/i18n/messages/instructor-results";
import { diagramArrows } from "@/lib/tcp";
import styles from "./results.module.css";
import { ScrollRegion } from "./scroll-region";

const FIGURE_KEYS = new Set(diagramArrows().map((arrow) => `${arrow.from}|${arrow.event}`));

/**
 * The class's accuracy by transition on RFC 9293 Figure 5, with a legend and
 * the same figures as a table for anyone who cannot see the colours or the picture.
 */
export function AccuracyHeatMap({ rows, lang }: { rows: { key: string; right: number; total: number }[]; lang: Language }) {
  const t = (key: keyof typeof instructorResults) => instructorResults[key][lang];
  const accuracy = new Map<string, Accuracy>(rows.map((row) => [row.key, { right: row.right, total: row.total }]));
  return (
    <figure className="card" data-testid="heat-map">
      <ScrollRegion className={styles.diagramScroll} label={t("heatTitle")}>
        <StateDiagram lang={lang} accuracy={accuracy} className={styles.diagram} />
      </ScrollRegion>
      <figcaption>
        <p className="muted">{t("heatLede")}</p>
        <ul className={styles.legend} aria-label={t("legend")}>
          {(["low", "mid", "high", "none"] as const).map((band) => (
            <li key={band}>
              <svg width="36" height="12" aria-hidden="true" className={styles[`swatch-${band}`]}>
                <line x1="0" y1="6" x2="36" y2="6" />
              </svg>
              {t(band === "low" ? "bandLow" : band === "mid" ? "bandMid" : band === "high" ? "bandHigh" : "bandNone")}
            </li>
          ))}
        </ul>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t("noTransitions")}</p>
      ) : (
        <ScrollRegion className={styles.scroll} label={t("transitionsTable")}>
          <table data-testid="transition-table">
            <caption>{t("transitionsTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("transition")}</th>
                <th scope="col">{t("rightTotal")}</th>
                <th scope="col">{t("percent")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const [state, event] = row.key.split("|");
                return (
                  <tr key={row.key} data-band={accuracyBand(row)}>
                    <td>
                      <code>{state}</code> + {event}
                      {FIGURE_KEYS.has(row.key) ? "" : t("inFigure")}
                    </td>
                    <td>
                      {row.right}/{row.total}
                    </td>
                    <td>{percent(row)}%</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </figure>
  );
}

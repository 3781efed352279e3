import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { describeSegment, peerOf, sentSegments, type Side, type Trace } from "@/lib/sim";
import styles from "./scenario-player.module.css";

export interface DropControlsProps {
  trace: Trace;
  lose: number[];
  ownLosses: Set<number>;
  lang: Language;
  onToggle: (n: number, dropped: boolean) => void;
  onClear: () => void;
}

/** A checkbox per segment sent: ticking one re-runs the scenario with that segment lost. */
export function DropControls({ trace, lose, ownLosses, lang, onToggle, onClear }: DropControlsProps) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const arrow = (from: Side) => (from === "client" ? "→" : "←");
  return (
    <fieldset className={styles.drops} data-testid="drop-controls">
      <legend>{t("dropHeading")}</legend>
      <p className={styles.hint}>{t("dropHelp")}</p>
      <ul className={styles.dropList}>
        {sentSegments(trace).map((segment) => {
          const own = ownLosses.has(segment.n);
          return (
            <li key={segment.n}>
              <label className={styles.dropLabel}>
                <input
                  type="checkbox"
                  checked={own || lose.includes(segment.n)}
                  disabled={own}
                  onChange={(event) => onToggle(segment.n, event.target.checked)}
                />
                <span>
                  <span aria-hidden="true" className={segment.from === "client" ? styles.clientArrow : styles.serverArrow}>
                    {arrow(segment.from)}{" "}
                  </span>
                  {format(t("dropSegment"), { n: segment.n, label: describeSegment(segment).replace(/^#\d+ /, "") })}
                  <span className="visually-hidden">
                    {" "}
                    ({learn[segment.from][lang]} → {learn[peerOf(segment.from)][lang]})
                  </span>
                  {own && <span className={styles.own}> {t("lostByScenario")}</span>}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {lose.length > 0 && (
        <button type="button" className="button secondary" onClick={onClear}>
          {t("clearDrops")}
        </button>
      )}
    </fieldset>
  );
}

import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import { describeSegment, peerOf, sentSegments, type Segment, type Trace } from "@/lib/sim";
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
  // A self-connect's segment comes back to its sender.
  const receiver = (segment: Segment) => segment.to ?? peerOf(segment.from);
  const arrow = (segment: Segment) => (receiver(segment) === segment.from ? "↺" : segment.from === "client" ? "→" : "←");
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
                    {arrow(segment)}{" "}
                  </span>
                  {format(t("dropSegment"), { n: segment.n, label: describeSegment(segment).replace(/^#\d+ /, "") })}
                  <span className="visually-hidden">
                    {" "}
                    ({learn[segment.from][lang]} → {learn[receiver(segment)][lang]})
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

import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { format } from "@/lib/i18n/translate";
import type { StateEventCase, StateEventRow } from "@/lib/learn/state-events";
import type { OutcomeKind, RowVariant, TcpState } from "@/lib/tcp";
import styles from "./diagram-explorer.module.css";

const KIND_LABELS: Record<OutcomeKind, keyof typeof learn> = {
  arrow: "kindArrow",
  transition: "kindTransition",
  reply: "kindReply",
  "no-change": "kindNoChange",
  error: "kindError",
};

/** How each case of a split row is introduced: the plain case is named by the variant it is set against. */
const PLAIN_CASE: Record<RowVariant, keyof typeof learn> = { "active open": "caseFromListen", "newer SYN": "caseOldSyn" };
const VARIANT_CASE: Record<RowVariant, keyof typeof learn> = { "active open": "caseActiveOpen", "newer SYN": "caseNewerSyn" };

interface StateEventItemProps {
  row: StateEventRow;
  from: TcpState;
  lang: Language;
  /** Follow the row's plain case, or one of its variants, to the state it leads to. */
  onFollow: (variant?: RowVariant) => void;
}

/** One event in the chosen state: where it leads, what is sent, why (cited), and each other case of the row. */
export function StateEventItem({ row, from, lang, onFollow }: StateEventItemProps) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const moves = row.to !== from;
  const first = row.variants[0];
  return (
    <li
      className={`${styles.event} ${moves ? styles.moves : ""} ${row.rfc9293 ? styles.departs : ""}`}
      data-event={row.event}
      data-kind={row.kind}
      data-departs={row.rfc9293 ? "true" : undefined}
    >
      <div className={styles.eventHead}>
        <code className={styles.eventName}>{row.label}</code>
        <span className={styles.outcome}>{outcomeText(row, from, lang)}</span>
        <span className={`badge ${styles[`kind-${row.kind}`] ?? ""}`}>{t(KIND_LABELS[row.kind])}</span>
        {row.rfc9293 && <span className={`badge ${styles.linuxBadge}`}>{t("linuxBadge")}</span>}
      </div>
      <p className={styles.phrase}>{row.phrase}</p>
      <CaseNote outcome={row} lang={lang} {...(first ? { lead: t(PLAIN_CASE[first.variant]) } : {})} />
      {row.rfc9293 && differs(row, row.rfc9293) && (
        <p className={styles.note} data-testid="rfc-instead">
          {format(t("rfcInstead"), { outcome: outcomeText(row.rfc9293, from, lang, true) })}{" "}
          <span className={styles.rfc}>{format(t("rfcSection"), { section: row.rfc9293.rfc })}</span>
        </p>
      )}
      {moves && (
        <button type="button" className="button secondary" onClick={() => onFollow()}>
          {format(t("followArrow"), { state: row.to })}
        </button>
      )}
      {row.variants.map((variant) => (
        <div key={variant.variant} className={styles.variant} data-variant={variant.variant}>
          <p className={styles.outcome}>
            <span aria-hidden="true">↳ </span>
            {t(VARIANT_CASE[variant.variant])}
            {outcomeText(variant, from, lang)}
          </p>
          <CaseNote outcome={variant} lang={lang} />
          {variant.to !== from && (
            <button type="button" className="button secondary" onClick={() => onFollow(variant.variant)}>
              {format(t("followArrow"), { state: variant.to })}
            </button>
          )}
        </div>
      ))}
    </li>
  );
}

/** The note of one case, its RFC 9293 section, and the kernel source where the profile departs. */
function CaseNote({ outcome, lang, lead }: { outcome: StateEventCase; lang: Language; lead?: string }) {
  const t = (key: keyof typeof learn) => learn[key][lang];
  return (
    <>
      <p className={styles.note}>
        {lead && <strong>{lead}</strong>}
        {outcome.note} <span className={styles.rfc}>{format(t("rfcSection"), { section: outcome.rfc })}</span>
      </p>
      {outcome.kernel && (
        <p className={styles.kernel} data-testid="kernel-source">
          {format(t("kernelSource"), { source: outcome.kernel })}
        </p>
      )}
    </>
  );
}

/** "→ CLOSED · sends RST+ACK"; with `withError`, "stays in LISTEN · sends nothing · error: EISCONN". */
function outcomeText(outcome: StateEventCase, from: TcpState, lang: Language, withError = false): string {
  const t = (key: keyof typeof learn) => learn[key][lang];
  const parts = [
    outcome.to !== from ? format(t("goesTo"), { state: outcome.to }) : format(t("staysIn"), { state: outcome.to }),
    outcome.sends ? format(t("sends"), { flags: outcome.sends }) : t("sendsNothing"),
  ];
  if (withError && outcome.error) parts.push(format(t("errorLabel"), { error: outcome.error }));
  return parts.join(" · ");
}

function differs(a: StateEventCase, b: StateEventCase): boolean {
  return a.to !== b.to || a.sends !== b.sends || a.kind !== b.kind || a.error !== b.error;
}

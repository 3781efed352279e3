"use client";

import { useId } from "react";
import type { Language } from "@/lib/i18n/language";
import { learn } from "@/lib/i18n/messages/learn";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "@/lib/tcp";
import styles from "./profile-switch.module.css";

interface ProfileSwitchProps {
  lang: Language;
  profile: ProfileName;
  onChange: (profile: ProfileName) => void;
}

/**
 * RFC 9293 | Linux, as a radio group: Tab reaches the chosen profile, the
 * arrow keys move between them (and choose, as radios do).
 */
export function ProfileSwitch({ lang, profile, onChange }: ProfileSwitchProps) {
  const name = useId();
  const hint = `${name}-hint`;
  return (
    <fieldset className={styles.switch} aria-describedby={hint} data-testid="profile-switch">
      <legend className={styles.legend}>{learn.profileLegend[lang]}</legend>
      <div className={styles.options}>
        {PROFILE_NAMES.map((option) => (
          <label key={option} className={styles.option}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={profile === option}
              onChange={() => onChange(option)}
              className={styles.radio}
            />
            <span className={styles.text}>{PROFILES[option].label[lang]}</span>
          </label>
        ))}
      </div>
      <p id={hint} className={styles.hint}>
        {learn.profileHint[lang]}
      </p>
    </fieldset>
  );
}

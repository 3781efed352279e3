"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import type { Language } from "@/lib/i18n/language";
import styles from "./settings.module.css";

type Theme = "system" | "light" | "dark";

export interface AppearanceLabels {
  language: string;
  theme: string;
  system: string;
  light: string;
  dark: string;
  hint: string;
  errorGeneric: string;
}

/** The header's language and theme switches as plain radio groups, through the same POST /api/preferences. */
export function AppearanceForm({ lang, theme, labels }: { lang: Language; theme: Theme; labels: AppearanceLabels }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);
  // Shown at once; the page re-renders in the new language or theme when the server has it.
  const [chosen, setChosen] = useState({ lang, theme });
  useEffect(() => setChosen({ lang, theme }), [lang, theme]);

  function save(preference: { lang?: Language; theme?: Theme }) {
    setFailed(false);
    setChosen((current) => ({ ...current, ...preference }));
    startTransition(async () => {
      const response = await fetch("/api/preferences", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(preference),
      }).catch(() => null);
      if (!response?.ok) {
        setChosen({ lang, theme });
        setFailed(true);
        return;
      }
      if (preference.theme) document.documentElement.dataset.theme = preference.theme;
      router.refresh();
    });
  }

  const languages: { value: Language; label: string; htmlLang: string }[] = [
    { value: "zh", label: "中文", htmlLang: "zh-CN" },
    { value: "en", label: "English", htmlLang: "en" },
  ];
  const themes: { value: Theme; label: string }[] = [
    { value: "system", label: labels.system },
    { value: "light", label: labels.light },
    { value: "dark", label: labels.dark },
  ];
  return (
    <div className={styles.appearance} aria-busy={pending}>
      <p className={styles.hint}>{labels.hint}</p>
      <fieldset className={styles.choices}>
        <legend>{labels.language}</legend>
        {languages.map((option) => (
          <label key={option.value} className={styles.choice} lang={option.htmlLang}>
            <input type="radio" name="lang" value={option.value} checked={chosen.lang === option.value} onChange={() => save({ lang: option.value })} />
            {option.label}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.choices}>
        <legend>{labels.theme}</legend>
        {themes.map((option) => (
          <label key={option.value} className={styles.choice}>
            <input type="radio" name="theme" value={option.value} checked={chosen.theme === option.value} onChange={() => save({ theme: option.value })} />
            {option.label}
          </label>
        ))}
      </fieldset>
      <p role="status" className={failed ? styles.error : styles.status}>
        {failed ? labels.errorGeneric : ""}
      </p>
    </div>
  );
}

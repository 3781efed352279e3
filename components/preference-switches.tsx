"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { Language } from "@/lib/i18n/language";

type Theme = "system" | "light" | "dark";

interface Labels {
  language: string;
  theme: string;
  system: string;
  light: string;
  dark: string;
}

/** Language and theme switches: the choice is saved in a cookie and the page re-renders in place. */
export function PreferenceSwitches({ lang, theme, labels }: { lang: Language; theme: Theme; labels: Labels }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function save(preference: { lang?: Language; theme?: Theme }) {
    startTransition(async () => {
      await fetch("/api/preferences", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(preference),
      });
      if (preference.theme) document.documentElement.dataset.theme = preference.theme;
      router.refresh();
    });
  }

  return (
    <div className="preferences" aria-busy={pending}>
      <div role="group" aria-label={labels.language} className="segmented">
        {(["zh", "en"] as const).map((option) => (
          <button key={option} type="button" aria-pressed={lang === option} onClick={() => save({ lang: option })} lang={option === "zh" ? "zh-CN" : "en"}>
            {option === "zh" ? "中文" : "EN"}
          </button>
        ))}
      </div>
      <label className="theme-select">
        <span className="visually-hidden">{labels.theme}</span>
        <select value={theme} onChange={(event) => save({ theme: event.target.value as Theme })} aria-label={labels.theme}>
          <option value="system">{labels.system}</option>
          <option value="light">{labels.light}</option>
          <option value="dark">{labels.dark}</option>
        </select>
      </label>
    </div>
  );
}

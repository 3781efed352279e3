import Link from "next/link";
import type { Language } from "@/lib/i18n/language";
import { common } from "@/lib/i18n/messages/common";
import type { Theme } from "@/lib/server/preferences";
import { NavLinks } from "./nav-links";
import { PreferenceSwitches } from "./preference-switches";

const LINKS = [
  { href: "/review", key: "navReview" },
  { href: "/quiz", key: "navQuiz" },
  { href: "/interview", key: "navInterview" },
  { href: "/learn", key: "navLearn" },
  { href: "/progress", key: "navProgress" },
  { href: "/settings", key: "navSettings" },
] as const;

export function SiteHeader({ lang, theme }: { lang: Language; theme: Theme }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label={`SynAck — ${common.navHome[lang]}`}>
        <span aria-hidden="true" className="brand-mark">
          ⇄
        </span>{" "}
        SynAck
      </Link>
      <NavLinks label={common.mainNav[lang]} links={LINKS.map((link) => ({ href: link.href, label: common[link.key][lang] }))} />
      <PreferenceSwitches
        lang={lang}
        theme={theme}
        labels={{
          language: common.languageLabel[lang],
          theme: common.themeLabel[lang],
          system: common.themeSystem[lang],
          light: common.themeLight[lang],
          dark: common.themeDark[lang],
        }}
      />
    </header>
  );
}

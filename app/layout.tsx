import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { HTML_LANG } from "@/lib/i18n/language";
import { common } from "@/lib/i18n/messages/common";
import { getLanguage, getTheme } from "@/lib/server/preferences";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SynAck", template: "%s · SynAck" },
  description:
    "Learn the TCP connection lifecycle with quizzes and flashcards checked against an RFC 9293 state machine. 用测验和抽认卡学习 TCP 连接的生命周期。",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [lang, theme] = await Promise.all([getLanguage(), getTheme()]);
  return (
    <html lang={HTML_LANG[lang]} data-theme={theme}>
      <body>
        <a className="skip-link" href="#main">
          {common.skipToContent[lang]}
        </a>
        <SiteHeader lang={lang} theme={theme} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>{common.footer[lang]}</p>
        </footer>
      </body>
    </html>
  );
}

import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SynAck", template: "%s · SynAck" },
  description: "Learn the TCP connection lifecycle with quizzes and flashcards checked against an RFC 9293 state machine. 用测验和抽认卡学习 TCP 连接的生命周期。",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}

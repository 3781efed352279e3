"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const EVERY_MS = 10_000;

/**
 * While the quiz is open and the page is visible, asks the server for the
 * page again every 10 s (router.refresh keeps scroll and open details) and
 * says when it last did; hidden, it stops until the page is shown again.
 */
export function LiveRefresh({ open, renderedAt, messages, lang }: { open: boolean; renderedAt: string; messages: { live: string; updatedAt: string; paused: string }; lang: string }) {
  const router = useRouter();
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    if (!open) return;
    const onVisibility = () => setVisible(document.visibilityState === "visible");
    onVisibility();
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [open]);
  useEffect(() => {
    if (!open || !visible) return;
    const timer = window.setInterval(() => router.refresh(), EVERY_MS);
    return () => window.clearInterval(timer);
  }, [open, visible, router]);
  if (!open) return null;
  const time = new Date(renderedAt).toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  return (
    <p className="muted" data-testid="live-refresh">
      {messages.live} <span aria-live="polite">{messages.updatedAt.replace("{time}", time)}</span>
      {visible ? "" : ` ${messages.paused}`}
    </p>
  );
}

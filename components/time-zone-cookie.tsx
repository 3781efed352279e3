"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/progress/local-day";

/**
 * Tells the server the browser's time zone, so that progress is counted in
 * the learner's own days. Only a first visit (or a move) re-renders the page;
 * the cookie is compared with itself, never with what the server accepted,
 * so an unknown zone cannot cause a refresh loop.
 */
export function TimeZoneCookie() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || !/^[\w+\-/]{1,64}$/.test(zone)) return;
    const saved = document.cookie
      .split("; ")
      .find((entry) => entry.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    if (saved === zone) return;
    // Secure over HTTPS, as the server's cookies are; a Secure cookie over plain http would never be stored.
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${TIME_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
    router.refresh();
  }, [router]);
  return null;
}

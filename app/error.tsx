"use client";

import { startTransition, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { storage } from "@/lib/i18n/messages/storage";

/*
 * A page that failed on the server: said in the page's language, inside the
 * site's layout, never Next's bare "Application error". Production builds
 * hide the server's error from the browser, so the page asks /api/health
 * what is wrong: a database that cannot be opened or read is named (full,
 * read-only, cannot be opened); anything else is the general message.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [lang, setLang] = useState<"zh" | "en" | null>(null);
  const [detail, setDetail] = useState<string | null>(null);

  useEffect(() => {
    setLang(document.documentElement.lang.startsWith("zh") ? "zh" : "en");
    let live = true;
    fetch("/api/health", { cache: "no-store" })
      .then(async (response) => (response.ok ? null : ((await response.json()) as { error?: string }).error ?? null))
      .catch(() => null)
      .then((message) => {
        if (live) setDetail(message);
      });
    return () => {
      live = false;
    };
  }, []);

  if (!lang) return null;
  return (
    <div className="stack" data-testid="page-error">
      <h1>{storage.pageTitle[lang]}</h1>
      <p className="lede" role="alert">
        {detail ?? storage.pageGeneric[lang]}
      </p>
      <p>
        <button
          type="button"
          className="button"
          onClick={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        >
          {storage.retry[lang]}
        </button>
      </p>
    </div>
  );
}

"use client";

import { useState } from "react";

/** Copies the quiz link to the clipboard (available on HTTPS and localhost). */
export function CopyLinkButton({ link, label, done }: { link: string; label: string; done: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      onClick={async () => {
        await navigator.clipboard?.writeText(link);
        setCopied(true);
      }}
    >
      {copied ? done : label}
    </button>
  );
}

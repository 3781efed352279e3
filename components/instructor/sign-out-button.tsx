"use client";

import { useState } from "react";

/** POSTs /api/instructor/logout (it revokes the session and clears the cookie), then goes to the login page. */
export function SignOutButton({ label }: { label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await fetch("/api/instructor/logout", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        } finally {
          window.location.assign("/instructor/login");
        }
      }}
    >
      {label}
    </button>
  );
}

"use client";

import { useState } from "react";

/** Ends this instructor session (POST /api/instructor/logout) and goes to the login page. */
export function SignOutButton({ labels }: { labels: { signOut: string; signingOut: string } }) {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      await fetch("/api/instructor/logout", { method: "POST" });
    } finally {
      // Whatever the answer, the login page shows whether a session is left.
      window.location.assign("/instructor/login");
    }
  }
  return (
    <button type="button" className="button secondary" onClick={signOut} disabled={busy}>
      {busy ? labels.signingOut : labels.signOut}
    </button>
  );
}

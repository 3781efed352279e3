"use client";

import { useId, useState, type FormEvent } from "react";
import styles from "./instructor-auth.module.css";

export interface LoginLabels {
  email: string;
  password: string;
  signIn: string;
  signingIn: string;
  emailInvalid: string;
  passwordMissing: string;
  errorGeneric: string;
}

type Field = "email" | "password";

/**
 * Email and password, sent to POST /api/instructor/login. The server's
 * refusals (wrong credentials, too many attempts) come in the page's language
 * and are shown as they are; then the browser goes to `next`, which the page
 * has already checked, or to the password change first.
 */
export function LoginForm({ next, labels }: { next: string; labels: LoginLabels }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!/^\S+@\S+$/.test(email.trim())) found.email = labels.emailInvalid;
    if (password === "") found.password = labels.passwordMissing;
    setErrors(found);
    setMessage("");
    if (found.email || found.password) return;
    setBusy(true);
    try {
      const response = await fetch("/api/instructor/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email.trim(), password }) });
      const body = (await response.json().catch(() => ({}))) as { mustChangePassword?: boolean; error?: string; fields?: Record<string, string> };
      if (response.ok) {
        window.location.assign(body.mustChangePassword ? `/instructor/password?next=${encodeURIComponent(next)}` : next);
        return;
      }
      if (response.status === 400 && body.fields) {
        setErrors({ ...(body.fields.email ? { email: labels.emailInvalid } : {}), ...(body.fields.password ? { password: labels.passwordMissing } : {}) });
      } else {
        setMessage(response.status === 401 || response.status === 429 ? (body.error ?? labels.errorGeneric) : labels.errorGeneric);
      }
    } catch {
      setMessage(labels.errorGeneric);
    }
    setBusy(false);
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={`field ${styles.field}`}>
        <label htmlFor={`${id}-email`}>{labels.email}</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          maxLength={254}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? `${id}-email-error` : undefined}
        />
        {errors.email && (
          <p id={`${id}-email-error`} className={styles.error}>
            {errors.email}
          </p>
        )}
      </div>
      <div className={`field ${styles.field}`}>
        <label htmlFor={`${id}-password`}>{labels.password}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          maxLength={1000}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? `${id}-password-error` : undefined}
        />
        {errors.password && (
          <p id={`${id}-password-error`} className={styles.error}>
            {errors.password}
          </p>
        )}
      </div>
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? labels.signingIn : labels.signIn}
        </button>
      </div>
      <p role="alert" className={styles.status}>
        {message}
      </p>
    </form>
  );
}

"use client";

import { useId, useState, type FormEvent } from "react";
import styles from "./instructor-auth.module.css";

export interface PasswordLabels {
  currentPassword: string;
  newPassword: string;
  newPasswordHint: string;
  confirmPassword: string;
  confirmMismatch: string;
  passwordTooShort: string;
  passwordTooLong: string;
  passwordMissing: string;
  savePassword: string;
  savingPassword: string;
  errorGeneric: string;
}

type Field = "current" | "next" | "confirm";

/**
 * The password change, sent to POST /api/instructor/password. Lengths are
 * checked here to save a round trip; the server checks everything again and
 * its field messages (in the page's language) are shown beside the field.
 */
export function PasswordForm({ email, next, labels }: { email: string; next: string; labels: PasswordLabels }) {
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ current: "", next: "", confirm: "" });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState("");

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    const length = [...values.next].length;
    if (values.current === "") found.current = labels.passwordMissing;
    if (length < 12) found.next = labels.passwordTooShort;
    else if (length > 200) found.next = labels.passwordTooLong;
    else if (values.confirm !== values.next) found.confirm = labels.confirmMismatch;
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setMessage("");
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const response = await fetch("/api/instructor/password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ current: values.current, next: values.next }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
      if (response.status === 400 && (body.fields?.current || body.fields?.next)) setErrors({ current: body.fields.current, next: body.fields.next });
      else if (response.status === 401) window.location.assign(`/instructor/login?next=${encodeURIComponent(next)}`);
      else setMessage(response.status === 429 ? (body.error ?? labels.errorGeneric) : labels.errorGeneric);
    } catch {
      setMessage(labels.errorGeneric);
    }
    setBusy(false);
  }

  const field = (name: Field, label: string, autoComplete: string, hint?: string) => (
    <div className={`field ${styles.field}`}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="password"
        autoComplete={autoComplete}
        value={values[name]}
        maxLength={1000}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `${id}-${name}-hint` : "", errors[name] ? `${id}-${name}-error` : ""].join(" ").trim() || undefined}
      />
      {hint && (
        <span id={`${id}-${name}-hint`} className={styles.hint}>
          {hint}
        </span>
      )}
      {errors[name] && (
        <p id={`${id}-${name}-error`} className={styles.error}>
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {field("current", labels.currentPassword, "current-password")}
      {field("next", labels.newPassword, "new-password", labels.newPasswordHint)}
      {field("confirm", labels.confirmPassword, "new-password")}
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? labels.savingPassword : labels.savePassword}
        </button>
      </div>
      <p role="alert" className={styles.status}>
        {message}
      </p>
    </form>
  );
}

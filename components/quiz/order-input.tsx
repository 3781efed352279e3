"use client";

import { useState } from "react";
import type { InputProps } from "./types";
import styles from "./quiz.module.css";

/**
 * Drag to order, with the same moves from the keyboard: each item has up and
 * down buttons, and Alt+↑/↓ moves the focused item.
 */
export function OrderInput({ question, lang, messages, disabled, onSubmit }: InputProps) {
  const [items, setItems] = useState(question.choices ?? []);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  function move(from: number, to: number) {
    if (to < 0 || to >= items.length || from === to) return;
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    setItems(next);
    setAnnouncement(`${item!.label[lang]}: ${to + 1} / ${next.length}`);
    requestAnimationFrame(() => document.getElementById(`order-item-${item!.id}`)?.focus());
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ kind: "order", order: items.map((item) => item.id) });
      }}
    >
      <p className="muted">{messages.orderHint}</p>
      <ol className={styles.orderList}>
        {items.map((item, index) => (
          <li
            key={item.id}
            id={`order-item-${item.id}`}
            tabIndex={0}
            draggable={!disabled}
            className={styles.orderItem}
            data-dragging={dragged === index}
            onDragStart={() => setDragged(index)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              if (dragged !== null) move(dragged, index);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
            onKeyDown={(event) => {
              if (!event.altKey || disabled) return;
              if (event.key === "ArrowUp") {
                event.preventDefault();
                move(index, index - 1);
              } else if (event.key === "ArrowDown") {
                event.preventDefault();
                move(index, index + 1);
              }
            }}
          >
            <span className={styles.handle} aria-hidden="true">
              ⋮⋮
            </span>
            <span className={styles.orderLabel}>{item.label[lang]}</span>
            <span className={styles.orderButtons}>
              <button type="button" onClick={() => move(index, index - 1)} disabled={disabled || index === 0} aria-label={`${messages.moveUp}: ${item.label[lang]}`}>
                ↑
              </button>
              <button
                type="button"
                onClick={() => move(index, index + 1)}
                disabled={disabled || index === items.length - 1}
                aria-label={`${messages.moveDown}: ${item.label[lang]}`}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <button type="submit" className="button" disabled={disabled}>
        {messages.submit}
      </button>
    </form>
  );
}

"use client";

import { useEffect, useRef, type ReactNode } from "react";

interface DiagramScrollerProps {
  /** The state to keep in view. */
  state: string | undefined;
  /** The frame's accessible name. */
  label: string;
  className?: string;
  children: ReactNode;
}

/**
 * A sideways-scrolling frame for a diagram too wide for a phone, which keeps
 * the given state in view: it centres the element `[data-state=…]` whenever
 * `state` changes, if the frame scrolls at all.
 */
export function DiagramScroller({ state, label, className, children }: DiagramScrollerProps) {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = frame.current;
    if (!element || !state || element.scrollWidth <= element.clientWidth) return;
    const target = element.querySelector(`[data-state="${state}"]`);
    if (!target) return;
    const frameBox = element.getBoundingClientRect();
    const targetBox = target.getBoundingClientRect();
    const centre = targetBox.left - frameBox.left + element.scrollLeft + targetBox.width / 2;
    element.scrollLeft = Math.max(0, centre - element.clientWidth / 2);
  }, [state]);
  return (
    // Focusable, so that keyboard users can scroll it too.
    <div ref={frame} className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

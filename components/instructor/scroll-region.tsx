import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a phone. It takes the keyboard's
 * focus, so that someone without a pointer can scroll it too (axe:
 * scrollable-region-focusable), and is named for a screen reader: a group,
 * not a region, since the section around it is already a landmark of that name.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

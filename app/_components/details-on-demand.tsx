"use client";
// Owns a <details> whose content is rendered only once it has been opened: big forms (an assignment's settings, a
// per-student override, the quiz builder) stay out of a page's HTML until someone asks for them, which keeps the
// class page small whatever the number of assignments.
import { useState, type ReactNode } from "react";

export function DetailsOnDemand({
  summary,
  className,
  summaryClassName,
  children,
}: {
  summary: ReactNode;
  className?: string;
  summaryClassName?: string;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className={summaryClassName}>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}

"use client";
// Time left on an attempt. The visible clock ticks every second but is hidden from screen readers; a separate polite
// live region speaks only at thresholds (every 5 minutes, each of the last 5 minutes, at 30 seconds), so it never chatters.
import { useEffect, useRef, useState } from "react";

export function announcementFor(secondsLeft: number): string | null {
  if (secondsLeft === 30) return "30 seconds left.";
  if (secondsLeft > 0 && secondsLeft % 60 === 0) {
    const minutes = secondsLeft / 60;
    if (minutes <= 5 || minutes % 5 === 0) return `${minutes} minute${minutes === 1 ? "" : "s"} left.`;
  }
  return null;
}

function format(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(sec).padStart(2, "0")}`;
}

export function AttemptTimer({ endsAt, onTimeUp }: { endsAt: string; onTimeUp: () => void }) {
  const end = new Date(endsAt).getTime();
  const [left, setLeft] = useState(() => Math.round((end - Date.now()) / 1000));
  const [spoken, setSpoken] = useState("");
  const fired = useRef(false);
  useEffect(() => {
    const tick = () => {
      const s = Math.round((end - Date.now()) / 1000);
      setLeft(s);
      const say = announcementFor(s);
      if (say) setSpoken(say);
      if (s <= 0 && !fired.current) {
        fired.current = true;
        onTimeUp();
      }
    };
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [end, onTimeUp]);
  return (
    <div className="text-sm">
      <span aria-hidden="true" className={`font-mono ${left <= 300 ? "font-bold text-red-700 dark:text-red-400" : ""}`}>
        Time left {format(left)}
      </span>
      <span className="sr-only">Time limit: ends at {new Date(end).toLocaleTimeString()}.</span>
      <span className="sr-only" aria-live="polite">
        {spoken}
      </span>
    </div>
  );
}

"use client";
// Time left on an attempt. The visible clock ticks every second but is hidden from screen readers; a separate polite
// live region speaks only at thresholds (every 5 minutes, each of the last 5 minutes, at 30 seconds), so it never
// chatters. The clock turns to a warning only near the end (the last 10% of the time, at least the last minute), and
// the learner may hide it (a button, remembered in this browser): hidden, it stays quiet until the warning starts,
// then shows itself again so time running out is never a surprise.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";

export function announcementFor(secondsLeft: number): string | null {
  if (secondsLeft === 30) return "30 seconds left.";
  if (secondsLeft > 0 && secondsLeft % 60 === 0) {
    const minutes = secondsLeft / 60;
    if (minutes <= 5 || minutes % 5 === 0) return `${minutes} minute${minutes === 1 ? "" : "s"} left.`;
  }
  return null;
}

/** When the clock warns: the last 10% of the time allowed, and never less than the last minute. */
export function isWarningTime(secondsLeft: number, totalSeconds: number): boolean {
  return secondsLeft <= Math.max(60, Math.ceil(totalSeconds * 0.1));
}

function format(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h > 0 ? `${h}:` : ""}${String(m).padStart(h > 0 ? 2 : 1, "0")}:${String(sec).padStart(2, "0")}`;
}

const HIDDEN_KEY = "koza.timerHidden";
const HIDDEN_EVENT = "koza:timer-hidden";

// The "hidden" preference lives in this browser's storage; the server always renders the timer shown.
let memoryHidden = false; // when storage is off: this page load only
function readHidden(): boolean {
  try {
    return localStorage.getItem(HIDDEN_KEY) === "1";
  } catch {
    return memoryHidden;
  }
}
function subscribeHidden(onChange: () => void): () => void {
  window.addEventListener(HIDDEN_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(HIDDEN_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}
function writeHidden(hidden: boolean): void {
  memoryHidden = hidden;
  try {
    localStorage.setItem(HIDDEN_KEY, hidden ? "1" : "0");
  } catch {
    // not remembered
  }
  window.dispatchEvent(new Event(HIDDEN_EVENT));
}
const noSubscribe = () => () => undefined;

export function AttemptTimer({ endsAt, startedAt, onTimeUp }: { endsAt: string; startedAt?: string; onTimeUp: () => void }) {
  const end = new Date(endsAt).getTime();
  const start = startedAt ? new Date(startedAt).getTime() : null;
  const [left, setLeft] = useState(() => Math.round((end - Date.now()) / 1000));
  const [spoken, setSpoken] = useState("");
  const hidden = useSyncExternalStore(subscribeHidden, readHidden, () => false);
  // In this browser's zone, so read on the client only (the server renders without it).
  const endsLabel = useSyncExternalStore(
    noSubscribe,
    () => new Date(end).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }),
    () => null,
  );
  const fired = useRef(false);
  // The whole allowance (accommodation included) sets where "near the end" begins; without a start, the last minute.
  const total = start !== null ? Math.max(0, Math.round((end - start) / 1000)) : 0;
  const warning = isWarningTime(left, total);

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

  const toggle = () => writeHidden(!hidden);
  const showClock = !hidden || warning;

  return (
    <div className="flex items-center gap-3 text-sm">
      {showClock ? (
        <span
          aria-hidden="true"
          data-testid="timer"
          data-warning={warning ? "true" : "false"}
          suppressHydrationWarning
          className={`font-mono ${warning ? "rounded bg-red-50 px-1 font-bold text-red-800 dark:bg-red-950 dark:text-red-300" : ""}`}
        >
          Time left {format(left)}
        </span>
      ) : (
        <span className="text-stone-600 dark:text-stone-300">Timer hidden</span>
      )}
      {!warning && (
        <button
          type="button"
          onClick={toggle}
          className="rounded border border-stone-400 px-2 py-0.5 text-xs hover:bg-stone-100 dark:border-stone-600 dark:hover:bg-stone-800"
        >
          {hidden ? "Show timer" : "Hide timer"}
        </button>
      )}
      {endsLabel && <span className="sr-only">Time limit: ends at {endsLabel}.</span>}
      <span className="sr-only" aria-live="polite">
        {hidden && !warning ? "" : spoken}
      </span>
    </div>
  );
}

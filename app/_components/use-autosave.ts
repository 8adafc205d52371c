"use client";
// Owns the attempt page's autosave as React state: each question's answer and save state, kept by the
// AutosaveScheduler (lib/quiz/autosave-scheduler.ts), and a warning before leaving while a save is pending.
import { useEffect, useState } from "react";
import type { AttemptItemForTaking } from "@/lib/dal/attempts";
import type { ClientResponse } from "@/lib/grading/response";
import type { ActionResult } from "@/lib/actions/result-shape";
import { AutosaveScheduler, type SaveState } from "@/lib/quiz/autosave-scheduler";

export type ItemState = { value: ClientResponse | null; save: SaveState; error?: string; seq: number };

const itemState = (i: AttemptItemForTaking): ItemState => ({ value: i.saved, save: i.saved ? "saved" : "idle", seq: i.savedSeq });

/**
 * One autosave: POST /api/attempts/:id/answers (a route handler running saveAnswerAction; see lib/actions/as-route.ts).
 * Every status carries the action's JSON result, so overload (503) and limits (429) are read like any other answer;
 * only a response that is not one (a proxy's error page, a dropped connection) throws, which the scheduler retries.
 */
async function postAnswer(
  attemptId: string,
  body: { position: number; seq: number; response: ClientResponse },
): Promise<ActionResult<unknown>> {
  const res = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/answers`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const result = (await res.json()) as ActionResult<unknown>;
  if (typeof result !== "object" || result === null || typeof result.ok !== "boolean") throw new Error(`HTTP ${res.status}`);
  return result;
}

export function useAutosave({
  attemptId,
  items: initialItems,
  onOver,
}: {
  attemptId: string;
  items: AttemptItemForTaking[];
  /**
   * The server says the attempt is over (submitted elsewhere, time up); `error` says so in a sentence. Kept from the
   * first render, like the attempt id: it may use only what stays the same (state setters, the router).
   */
  onOver: (error: string) => void;
}) {
  const [items, setItems] = useState<Record<number, ItemState>>(() =>
    Object.fromEntries(initialItems.map((i) => [i.position, itemState(i)])),
  );
  const [scheduler] = useState(
    () =>
      new AutosaveScheduler<ClientResponse>({
        save: (position, response, seq) => postAnswer(attemptId, { position, seq, response }),
        onState: (position, save, error) =>
          setItems((prev) => {
            const current = prev[position];
            return current ? { ...prev, [position]: { ...current, save, error } } : prev;
          }),
        onOver,
      }),
  );

  // Warn before leaving while something is not yet confirmed saved.
  const unsaved = Object.values(items).some((i) => i.save === "saving" || i.save === "retrying");
  useEffect(() => {
    if (!unsaved) return;
    const handler = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", handler);
    return () => window.removeEventListener("beforeunload", handler);
  }, [unsaved]);

  return {
    items,
    unsaved,
    scheduler,
    /** The learner changed an answer: shown as "saving" at once, sent now or after the typing pause. */
    edit(position: number, value: ClientResponse, opts?: { debounce?: boolean }) {
      const seq = scheduler.edit(position, value, opts);
      setItems((prev) => ({ ...prev, [position]: { ...prev[position], value, seq, save: "saving", error: undefined } }));
    },
    /** A question the server just sent (one-at-a-time quizzes): tracked from its saved answer, if not already. */
    track(item: AttemptItemForTaking) {
      setItems((prev) => ({ ...prev, [item.position]: prev[item.position] ?? itemState(item) }));
    },
  };
}

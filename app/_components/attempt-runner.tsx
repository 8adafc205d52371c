"use client";
// Takes one attempt: answers autosave as the learner goes (ordered, retried, idempotent), a timer that speaks only at
// thresholds, a summary of unanswered questions, and submit. Holds no key: the server grades.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { AttemptForTakingDTO, AttemptItemForTaking } from "@/lib/dal/attempts";
import type { ClientResponse } from "@/lib/grading/response";
import { advanceAttemptAction, saveAnswerAction, submitAttemptAction } from "@/lib/actions/attempts";
import { callUntilDecided, classifySave, isRetryable, retryDelayMs } from "@/lib/quiz/autosave-policy";
import { QuestionInput, isAnswered } from "./question-input";
import { AttemptTimer } from "./attempt-timer";

/** Milliseconds since the epoch, forced strictly increasing: a later edit always outranks an earlier one. */
function nextSequence(last: { current: number }): number {
  last.current = Math.max(Date.now(), last.current + 1);
  return last.current;
}

type SaveState = "idle" | "saving" | "saved" | "retrying" | "rejected";
type ItemState = { value: ClientResponse | null; save: SaveState; error?: string; seq: number };

const DEBOUNCE_MS = 600;
/** How long submit waits for pending saves before saying which answers are not saved yet. */
const FLUSH_WAIT_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const itemState = (i: AttemptItemForTaking): ItemState => ({ value: i.saved, save: i.saved ? "saved" : "idle", seq: i.savedSeq });

export function AttemptRunner({ attempt }: { attempt: AttemptForTakingDTO }) {
  const router = useRouter();
  const sequential = attempt.navigation === "SEQUENTIAL";
  // Under SEQUENTIAL the server sends only the current question; "Next" asks it for the next one.
  const [shownItems, setShownItems] = useState<AttemptItemForTaking[]>(attempt.items);
  const [items, setItems] = useState<Record<number, ItemState>>(() =>
    Object.fromEntries(attempt.items.map((i) => [i.position, itemState(i)])),
  );
  const [page, setPage] = useState(0);
  const [advancing, setAdvancing] = useState(false);
  const [phase, setPhase] = useState<"answering" | "summary" | "submitting">("answering");
  const [notice, setNotice] = useState<string | null>(null);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Map<number, Promise<void>>());
  const lastSeq = useRef(0);
  const stopped = useRef(false);
  /** The newest edit per question: a save or retry for an older edit stops once a newer one exists. */
  const latest = useRef(new Map<number, { value: ClientResponse; seq: number }>());
  /** Questions whose newest edit the server has not stored (sending, retrying or refused); read after awaits. */
  const unsent = useRef(new Set<number>());

  const nextSeq = () => nextSequence(lastSeq);

  const update = (position: number, patch: Partial<ItemState>) =>
    setItems((prev) => {
      const current = prev[position];
      return current ? { ...prev, [position]: { ...current, ...patch } } : prev;
    });

  /**
   * Saves one edit until it is stored or the attempt is over: every failure that decides nothing (no connection, a 5xx,
   * "busy", "too many requests", an unexpected server error) is retried with backoff, honouring the server's
   * Retry-After; the same sequence number makes retries idempotent. Only a final refusal stops it.
   */
  const send = useCallback(
    async (position: number, value: ClientResponse, seq: number): Promise<void> => {
      for (let attemptNo = 0; ; attemptNo++) {
        if (stopped.current || (latest.current.get(position)?.seq ?? seq) !== seq) return;
        update(position, { save: attemptNo === 0 ? "saving" : "retrying" });
        let result: Awaited<ReturnType<typeof saveAnswerAction>> | null = null;
        try {
          result = await saveAnswerAction({ attemptId: attempt.id, position, seq, response: value });
        } catch {
          result = null;
        }
        const outcome = classifySave(result);
        if (outcome === "retry") {
          await sleep(retryDelayMs(attemptNo, result && !result.ok ? result.retryAfterSeconds : undefined));
          continue;
        }
        if (outcome === "stored") {
          if (latest.current.get(position)?.seq === seq) unsent.current.delete(position);
          setItems((prev) =>
            prev[position]?.seq === seq ? { ...prev, [position]: { ...prev[position], save: "saved", error: undefined } } : prev,
          );
          return;
        }
        const error = result && !result.ok ? result.error : "";
        if (outcome === "over") {
          stopped.current = true;
          setNotice(error);
          router.refresh();
          return;
        }
        update(position, { save: "rejected", error });
        return;
      }
    },
    [attempt.id, router],
  );

  /** Sends one edit, tracked in `inFlight` until it settles (stored, over, or refused). */
  const startSend = (position: number, value: ClientResponse, seq: number) => {
    const p = send(position, value, seq).finally(() => {
      if (inFlight.current.get(position) === p) inFlight.current.delete(position);
    });
    inFlight.current.set(position, p);
  };

  const onChange = (position: number, value: ClientResponse, opts?: { debounce?: boolean }) => {
    const seq = nextSeq();
    latest.current.set(position, { value, seq });
    unsent.current.add(position);
    setItems((prev) => ({ ...prev, [position]: { ...prev[position], value, seq, save: "saving", error: undefined } }));
    const existing = timers.current.get(position);
    if (existing) clearTimeout(existing);
    const fire = () => {
      timers.current.delete(position);
      startSend(position, value, seq);
    };
    if (opts?.debounce) timers.current.set(position, setTimeout(fire, DEBOUNCE_MS));
    else fire();
  };

  // Warn before leaving while something is not yet confirmed saved.
  const unsaved = Object.values(items).some((i) => i.save === "saving" || i.save === "retrying");
  useEffect(() => {
    if (!unsaved) return;
    const handler = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", handler);
    return () => window.removeEventListener("beforeunload", handler);
  }, [unsaved]);

  /** Sends every debounced edit now and waits (up to `waitMs`) for all saves in flight; true when all are stored. */
  const flush = async (waitMs = FLUSH_WAIT_MS): Promise<boolean> => {
    for (const [position, t] of timers.current) {
      clearTimeout(t);
      timers.current.delete(position);
      const it = latest.current.get(position);
      if (it) startSend(position, it.value, it.seq);
    }
    return Promise.race([Promise.all(inFlight.current.values()).then(() => true), sleep(waitMs).then(() => false)]);
  };

  const unsentPositions = () => [...unsent.current].sort((a, b) => a - b);

  const submit = async ({ timeUp = false } = {}) => {
    setPhase("submitting");
    const flushed = await flush();
    // Never finish with an answer the server does not have, unless time is up (then the server keeps what it has).
    const unsent = unsentPositions();
    if (!timeUp && (!flushed || unsent.length > 0)) {
      setPhase("summary");
      setNotice(
        `Not submitted yet: ${unsent.length === 1 ? "question" : "questions"} ${unsent.map((p) => p + 1).join(", ")} ${unsent.length === 1 ? "is" : "are"} not saved. We keep trying to save; submit again once every answer shows “Saved”.`,
      );
      return;
    }
    const result = await callUntilDecided(() => submitAttemptAction({ attemptId: attempt.id }));
    if (!result || isRetryable(result)) {
      setPhase("summary");
      setNotice("We could not reach the server to submit. Your saved answers are safe; please try again.");
      return;
    }
    stopped.current = true;
    // On success the action's response already carries the review (it revalidates this page): no second render.
    if (!result.ok) {
      setNotice(result.error);
      router.refresh();
    }
  };

  const onTimeUp = useCallback(() => {
    if (stopped.current) return;
    setNotice("Time is up. Submitting your saved answers…");
    void submit({ timeUp: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** "Next question" in a one-at-a-time quiz: the current answer must be stored first, then the server moves on. */
  const advance = async (fromPosition: number) => {
    setAdvancing(true);
    try {
      const flushed = await flush();
      if (!flushed || unsentPositions().includes(fromPosition)) {
        setNotice("Your answer to this question is not saved yet; we keep trying. Move on once it shows “Saved”.");
        return;
      }
      const result = await callUntilDecided(() => advanceAttemptAction({ attemptId: attempt.id, fromPosition }));
      if (!result || !result.ok) {
        setNotice(result?.error ?? "We could not reach the server; your answer is saved. Please try Next again.");
        if (result && !result.ok && (result.code === "closed" || result.code === "time_up")) {
          stopped.current = true;
          router.refresh();
        }
        return;
      }
      const next = result.data.item;
      setNotice(null);
      setShownItems([next]);
      setItems((prev) => ({ ...prev, [next.position]: prev[next.position] ?? itemState(next) }));
      setTimeout(() => document.getElementById(`q${next.position}-prompt`)?.focus(), 0);
    } finally {
      setAdvancing(false);
    }
  };

  const unanswered = useMemo(
    () =>
      sequential
        ? [] // earlier questions are behind the learner and later ones not yet seen: nothing to jump to
        : attempt.items.filter((i) => !isAnswered(items[i.position]?.value ?? null)).map((i) => i.position),
    [attempt.items, items, sequential],
  );
  const savedCount = Object.values(items).filter((i) => i.save === "saved").length;
  const retrying = Object.values(items).some((i) => i.save === "retrying");
  const current = shownItems[0];
  const shown = sequential ? shownItems : attempt.onePerPage ? attempt.items.slice(page, page + 1) : attempt.items;
  const atLast = sequential ? current !== undefined && current.position >= attempt.itemCount - 1 : page >= attempt.items.length - 1;

  return (
    <div className="flex flex-col gap-6">
      <div className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 bg-stone-50/95 px-4 py-2 dark:border-stone-800 dark:bg-stone-950/95">
        <p className="text-sm" role="status">
          {retrying ? (
            <span className="text-amber-700 dark:text-amber-300">Not saved — retrying…</span>
          ) : unsaved ? (
            <span>Saving…</span>
          ) : savedCount === 0 ? (
            <span>No answers yet: each answer saves as you go.</span>
          ) : (
            <span>
              All answers saved ({savedCount} of {attempt.itemCount} answered)
            </span>
          )}
        </p>
        {attempt.endsAt && <AttemptTimer endsAt={attempt.endsAt} onTimeUp={onTimeUp} />}
      </div>

      {notice && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}

      {phase === "answering" && (
        <>
          <ol className="flex flex-col gap-6">
            {shown.map((item) => {
              const state = items[item.position];
              if (!state) return null;
              return (
                <li key={item.position} id={`question-${item.position + 1}`} className="rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                  <fieldset className="flex flex-col gap-3">
                    <legend className="sr-only">Question {item.position + 1}</legend>
                    <p className="text-sm text-stone-500 dark:text-stone-400">
                      Question {item.position + 1} of {attempt.itemCount} · {item.question.points} point{item.question.points === 1 ? "" : "s"}
                    </p>
                    <p id={`q${item.position}-prompt`} tabIndex={-1} className="text-lg font-medium">
                      {item.question.prompt}
                    </p>
                    <QuestionInput
                      question={item.question}
                      position={item.position}
                      value={state.value}
                      onChange={(v, o) => onChange(item.position, v, o)}
                      disabled={phase !== "answering"}
                    />
                    <SaveIndicator state={state} />
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div className="flex flex-wrap gap-3">
            {attempt.onePerPage && attempt.navigation === "FREE" && page > 0 && (
              <button type="button" className="rounded border border-stone-400 px-4 py-2" onClick={() => setPage(page - 1)}>
                Previous question
              </button>
            )}
            {sequential && !atLast && current ? (
              <button
                type="button"
                className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
                disabled={advancing}
                onClick={() => void advance(current.position)}
              >
                {advancing ? "Saving…" : "Next question (no going back)"}
              </button>
            ) : attempt.onePerPage && !sequential && !atLast ? (
              <button type="button" className="rounded bg-brand-700 px-4 py-2 font-medium text-white" onClick={() => setPage(page + 1)}>
                Next question
              </button>
            ) : (
              <button type="button" className="rounded bg-brand-700 px-4 py-2 font-medium text-white" onClick={() => setPhase("summary")}>
                Review and submit
              </button>
            )}
          </div>
        </>
      )}

      {phase !== "answering" && (
        <section aria-labelledby="summary-heading" className="flex flex-col gap-4 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
          <h2 id="summary-heading" className="text-xl font-semibold">
            Ready to submit?
          </h2>
          {unanswered.length === 0 ? (
            <p>You have answered every question.</p>
          ) : (
            <div>
              <p>
                {unanswered.length} question{unanswered.length === 1 ? " is" : "s are"} unanswered:
              </p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {unanswered.map((p) => (
                  <li key={p}>
                    <button
                      type="button"
                      className="rounded border border-stone-400 px-2 py-1 text-sm"
                      disabled={sequential}
                      onClick={() => {
                        setPhase("answering");
                        if (attempt.onePerPage) setPage(attempt.items.findIndex((i) => i.position === p));
                        setTimeout(() => document.getElementById(`question-${p + 1}`)?.scrollIntoView(), 0);
                      }}
                    >
                      Question {p + 1}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="text-sm text-stone-600 dark:text-stone-300">Once submitted, answers cannot be changed.</p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className="rounded border border-stone-400 px-4 py-2" onClick={() => setPhase("answering")} disabled={phase === "submitting"}>
              Back to the questions
            </button>
            <button type="button" className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60" onClick={() => void submit()} disabled={phase === "submitting"}>
              {phase === "submitting" ? "Submitting…" : "Submit answers"}
            </button>
          </div>
          {phase === "submitting" && (
            <div role="progressbar" aria-label="Submitting" className="h-1 w-full overflow-hidden rounded bg-stone-200 dark:bg-stone-800">
              <div className="h-full w-1/2 animate-pulse bg-brand-600" />
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function SaveIndicator({ state }: { state: ItemState }) {
  const text =
    state.save === "saved"
      ? "Saved"
      : state.save === "saving"
        ? "Saving…"
        : state.save === "retrying"
          ? "Not saved — retrying"
          : state.save === "rejected"
            ? `Not saved: ${state.error}`
            : "Not answered yet";
  return (
    <p
      className={`text-sm ${state.save === "rejected" || state.save === "retrying" ? "text-red-700 dark:text-red-400" : "text-stone-500 dark:text-stone-400"}`}
      data-save-state={state.save}
    >
      {text}
    </p>
  );
}

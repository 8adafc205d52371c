"use client";
// Takes one attempt: answers autosave as the learner goes (useAutosave: ordered, retried, idempotent), a timer that
// speaks only at thresholds, a question panel with flags, a summary of unanswered and flagged questions, and submit.
// In self-paced practice each question can also be checked (graded on the server), hinted from the lesson and
// followed by a similar question. Holds no key: the server grades, and sends a question's key only once that question
// is checked.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { AttemptForTakingDTO, AttemptItemForTaking } from "@/lib/dal/attempts";
import { advanceAttemptAction, submitAttemptAction } from "@/lib/actions/attempts";
import {
  checkPracticeAnswerAction,
  flagQuestionAction,
  practiceHintAction,
  trySimilarQuestionAction,
} from "@/lib/actions/attempt-questions";
import type { PracticeCheckDTO } from "@/lib/dal/practice-check";
import type { PracticeHintDTO } from "@/lib/quiz/feedback";
import { callUntilDecided, isRetryable } from "@/lib/quiz/autosave-policy";
import { QuestionPrompt } from "./question-markdown";
import { QuestionInput, isAnswered } from "./question-input";
import { AttemptTimer } from "./attempt-timer";
import { QuestionPanel, type PanelEntry } from "./question-panel";
import { PracticeSteps } from "./practice-steps";
import { useAutosave, type ItemState } from "./use-autosave";

/** The question heading that jumps and "Next" move focus to; its scroll margin keeps it clear of the sticky status bar. */
const headingId = (position: number) => `q${position}-heading`;

export function AttemptRunner({ attempt }: { attempt: AttemptForTakingDTO }) {
  const router = useRouter();
  const sequential = attempt.navigation === "SEQUENTIAL";
  // Under SEQUENTIAL the server sends only the current question; "Next" asks it for the next one.
  const [shownItems, setShownItems] = useState<AttemptItemForTaking[]>(attempt.items);
  const [page, setPage] = useState(0);
  const [advancing, setAdvancing] = useState(false);
  const [phase, setPhase] = useState<"answering" | "summary" | "submitting">("answering");
  const [notice, setNotice] = useState<string | null>(null);
  // Practice: questions added by "Try a similar question", checks, hints, and which step is waiting on the server.
  const [addedItems, setAddedItems] = useState<AttemptItemForTaking[]>([]);
  const [checks, setChecks] = useState<Record<number, PracticeCheckDTO | null>>(() =>
    Object.fromEntries(attempt.items.map((i) => [i.position, i.checked])),
  );
  const [hints, setHints] = useState<Record<number, PracticeHintDTO>>({});
  const [busy, setBusy] = useState<Record<number, "check" | "hint" | "similar">>({});
  const [flags, setFlags] = useState<Record<number, boolean>>(() => Object.fromEntries(attempt.items.map((i) => [i.position, i.flagged])));
  // Focus moves after the render that shows its target (a new question, a result), never before it exists.
  const [focusRequest, setFocusRequest] = useState<{ id: string; scroll: boolean; n: number } | null>(null);
  const requestFocus = (id: string, scroll = false) => setFocusRequest((prev) => ({ id, scroll, n: (prev?.n ?? 0) + 1 }));
  const focusQuestion = (position: number) => requestFocus(headingId(position), true);
  useEffect(() => {
    if (!focusRequest) return;
    const target = document.getElementById(focusRequest.id);
    if (focusRequest.scroll) target?.scrollIntoView({ block: "start" });
    target?.focus({ preventScroll: focusRequest.scroll });
  }, [focusRequest]);
  const autosave = useAutosave({
    attemptId: attempt.id,
    items: attempt.items,
    onOver: (error) => {
      setNotice(error);
      router.refresh();
    },
  });
  const { items, unsaved, scheduler } = autosave;

  const submit = async ({ timeUp = false } = {}) => {
    setPhase("submitting");
    const flushed = await scheduler.flush();
    // Never finish with an answer the server does not have, unless time is up (then the server keeps what it has).
    const unsent = scheduler.unsentPositions();
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
    scheduler.stop();
    // On success the action's response already carries the review (it revalidates this page): no second render.
    if (!result.ok) {
      setNotice(result.error);
      router.refresh();
    }
  };

  const onTimeUp = useCallback(() => {
    if (scheduler.stopped) return;
    setNotice("Time is up. Submitting your saved answers…");
    void submit({ timeUp: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** "Next question" in a one-at-a-time quiz: the current answer must be stored first, then the server moves on. */
  const advance = async (fromPosition: number) => {
    setAdvancing(true);
    try {
      const flushed = await scheduler.flush();
      if (!flushed || scheduler.unsentPositions().includes(fromPosition)) {
        setNotice("Your answer to this question is not saved yet; we keep trying. Move on once it shows “Saved”.");
        return;
      }
      const result = await callUntilDecided(() => advanceAttemptAction({ attemptId: attempt.id, fromPosition }));
      if (!result || !result.ok) {
        setNotice(result?.error ?? "We could not reach the server; your answer is saved. Please try Next again.");
        if (result && !result.ok && (result.code === "closed" || result.code === "time_up")) {
          scheduler.stop();
          router.refresh();
        }
        return;
      }
      const next = result.data.item;
      setNotice(null);
      setShownItems([next]);
      autosave.track(next);
      setFlags((prev) => ({ ...prev, [next.position]: next.flagged }));
      focusQuestion(next.position);
    } finally {
      setAdvancing(false);
    }
  };

  /** Every question the learner can move between (practice adds similar questions at the end; a re-render from the
   * server may already list them, so each position appears once). */
  const allItems = useMemo(
    () => [...attempt.items, ...addedItems.filter((a) => !attempt.items.some((i) => i.position === a.position))],
    [attempt.items, addedItems],
  );
  const itemCount = sequential ? attempt.itemCount : allItems.length;

  const unanswered = useMemo(
    () =>
      sequential
        ? [] // earlier questions are behind the learner and later ones not yet seen: nothing to jump to
        : allItems.filter((i) => !isAnswered(items[i.position]?.value ?? null)).map((i) => i.position),
    [allItems, items, sequential],
  );
  const flagged = sequential ? [] : allItems.filter((i) => flags[i.position]).map((i) => i.position);

  /** Jumps to a question (from the panel or the summary): shows its page and moves focus to its heading. */
  const jumpTo = (position: number) => {
    setPhase("answering");
    if (attempt.onePerPage)
      setPage(
        Math.max(
          0,
          allItems.findIndex((i) => i.position === position),
        ),
      );
    focusQuestion(position);
  };

  // "Review and submit" moves focus to the summary heading, so it is announced and read from the top.
  const previousPhase = useRef(phase);
  useEffect(() => {
    if (phase === "summary" && previousPhase.current === "answering") document.getElementById("summary-heading")?.focus();
    previousPhase.current = phase;
  }, [phase]);

  const setBusyFor = (position: number, step: "check" | "hint" | "similar" | null) =>
    setBusy((prev) => {
      const next = { ...prev };
      if (step) next[position] = step;
      else delete next[position];
      return next;
    });

  /** "Flag for review": shown at once, stored on the server; put back if the server refuses. */
  const toggleFlag = async (position: number) => {
    const want = !flags[position];
    setFlags((prev) => ({ ...prev, [position]: want }));
    const result = await callUntilDecided(() => flagQuestionAction({ attemptId: attempt.id, position, flagged: want }));
    if (!result || !result.ok) {
      setFlags((prev) => ({ ...prev, [position]: !want }));
      setNotice(result && !result.ok ? result.error : "We could not reach the server; the flag was not saved.");
    }
  };

  /** "Check" (practice): this question's pending save goes first, then the server grades the answer on screen. */
  const check = async (position: number) => {
    const value = items[position]?.value;
    if (!value) return;
    setBusyFor(position, "check");
    try {
      await scheduler.flush();
      const result = await callUntilDecided(() => checkPracticeAnswerAction({ attemptId: attempt.id, position, response: value }));
      if (!result || !result.ok) {
        setNotice(result?.error ?? "We could not reach the server to check this answer; it is saved. Please try again.");
        if (result && !result.ok && result.code === "closed") router.refresh();
        return;
      }
      setNotice(null);
      setChecks((prev) => ({ ...prev, [position]: result.data }));
      requestFocus(`q${position}-result`);
    } finally {
      setBusyFor(position, null);
    }
  };

  const showHint = async (position: number) => {
    setBusyFor(position, "hint");
    try {
      const result = await callUntilDecided(() => practiceHintAction({ attemptId: attempt.id, position }));
      if (!result || !result.ok) {
        setNotice(result?.error ?? "We could not reach the server for a hint. Please try again.");
        return;
      }
      setHints((prev) => ({ ...prev, [position]: result.data }));
      requestFocus(`q${position}-hint`);
    } finally {
      setBusyFor(position, null);
    }
  };

  /** "Try a similar question" after a miss: the server adds one more question of the topic; focus moves to it. */
  const trySimilar = async (position: number) => {
    setBusyFor(position, "similar");
    try {
      const result = await callUntilDecided(() => trySimilarQuestionAction({ attemptId: attempt.id, position }));
      if (!result || !result.ok) {
        setNotice(result?.error ?? "We could not reach the server for another question. Please try again.");
        return;
      }
      const added = result.data.item;
      setNotice(null);
      setAddedItems((prev) => (prev.some((i) => i.position === added.position) ? prev : [...prev, added]));
      autosave.track(added);
      setChecks((prev) => {
        const missed = prev[position];
        return {
          ...prev,
          [added.position]: added.checked,
          ...(missed ? { [position]: { ...missed, similarPosition: added.position } } : {}),
        };
      });
      setFlags((prev) => ({ ...prev, [added.position]: added.flagged }));
      if (attempt.onePerPage) setPage(allItems.length);
      focusQuestion(added.position);
    } finally {
      setBusyFor(position, null);
    }
  };

  const panel: PanelEntry[] = sequential
    ? Array.from({ length: attempt.itemCount }, (_, position) => ({
        position,
        answered: position < (shownItems[0]?.position ?? 0) || isAnswered(items[position]?.value ?? null),
        flagged: Boolean(flags[position]),
        checked: null,
        reachable: false,
        current: position === shownItems[0]?.position,
      }))
    : allItems.map((i, index) => ({
        position: i.position,
        answered: isAnswered(items[i.position]?.value ?? null),
        flagged: Boolean(flags[i.position]),
        checked: checks[i.position]?.status ?? null,
        reachable: true,
        current: attempt.onePerPage && index === page,
      }));
  const savedCount = Object.values(items).filter((i) => i.save === "saved").length;
  const retrying = Object.values(items).some((i) => i.save === "retrying");
  const current = shownItems[0];
  const shown = sequential ? shownItems : attempt.onePerPage ? [allItems[page]!] : allItems;
  const atLast = sequential ? current !== undefined && current.position >= attempt.itemCount - 1 : page >= allItems.length - 1;

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
              All answers saved ({savedCount} of {itemCount} answered)
            </span>
          )}
        </p>
        {attempt.endsAt && <AttemptTimer endsAt={attempt.endsAt} startedAt={attempt.startedAt} onTimeUp={onTimeUp} />}
      </div>

      {notice && (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {notice}
        </p>
      )}

      {phase === "answering" && (
        <>
          {itemCount > 1 && <QuestionPanel entries={panel} onJump={jumpTo} />}
          <ol className="flex flex-col gap-6">
            {shown.map((item) => {
              // Tracked since the server sent the question (useAutosave); the fallback only satisfies the index check.
              const state: ItemState = items[item.position] ?? {
                value: item.saved,
                save: item.saved ? "saved" : "idle",
                seq: item.savedSeq,
              };
              const checked = checks[item.position] ?? null;
              const isFlagged = Boolean(flags[item.position]);
              return (
                <li
                  key={item.position}
                  id={`question-${item.position + 1}`}
                  className="min-w-0 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
                >
                  {/* min-w-0: a fieldset is as wide as its widest content by default, which pushed long matching
                      options past a phone's width; now the selects shrink to the page instead. */}
                  <fieldset className="flex min-w-0 flex-col gap-3">
                    <legend className="sr-only">Question {item.position + 1}</legend>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <h2
                        id={headingId(item.position)}
                        tabIndex={-1}
                        className="scroll-mt-32 text-sm font-normal text-stone-600 dark:text-stone-300"
                      >
                        Question {item.position + 1} of {itemCount} · {item.question.points} point{item.question.points === 1 ? "" : "s"}
                        {isFlagged ? " · flagged" : ""}
                      </h2>
                      <button
                        type="button"
                        aria-pressed={isFlagged}
                        className="rounded border border-stone-400 px-2 py-1 text-sm aria-pressed:border-amber-600 aria-pressed:bg-amber-50 aria-pressed:text-amber-900 dark:aria-pressed:bg-amber-950 dark:aria-pressed:text-amber-100"
                        onClick={() => void toggleFlag(item.position)}
                      >
                        <span aria-hidden="true">⚑ </span>Flag for review
                        <span className="sr-only">: question {item.position + 1}</span>
                      </button>
                    </div>
                    <QuestionPrompt name={`q${item.position}`} html={item.question.promptHtml} focusable />
                    <QuestionInput
                      question={item.question}
                      position={item.position}
                      value={state.value}
                      onChange={(v, o) => autosave.edit(item.position, v, o)}
                      disabled={phase !== "answering" || checked !== null}
                    />
                    <SaveIndicator state={state} />
                    {attempt.practice && (
                      <PracticeSteps
                        position={item.position}
                        answered={isAnswered(state.value)}
                        checked={checked}
                        hint={hints[item.position] ?? null}
                        busy={busy[item.position] ?? null}
                        onCheck={() => void check(item.position)}
                        onHint={() => void showHint(item.position)}
                        onSimilar={() => void trySimilar(item.position)}
                        onGoToSimilar={jumpTo}
                      />
                    )}
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div className="flex flex-wrap gap-3">
            {attempt.onePerPage && attempt.navigation === "FREE" && page > 0 && (
              <button
                type="button"
                className="rounded border border-stone-400 px-4 py-2"
                onClick={() => jumpTo(allItems[page - 1]!.position)}
              >
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
              <button
                type="button"
                className="rounded bg-brand-700 px-4 py-2 font-medium text-white"
                onClick={() => jumpTo(allItems[page + 1]!.position)}
              >
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
        <section
          aria-labelledby="summary-heading"
          className="flex flex-col gap-4 rounded border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900"
        >
          <h2 id="summary-heading" tabIndex={-1} aria-describedby="summary-status" className="text-xl font-semibold">
            Ready to submit?
          </h2>
          <p id="summary-status">
            {sequential
              ? "This quiz went one question at a time."
              : `${itemCount - unanswered.length} of ${itemCount} answered${flagged.length > 0 ? `, ${flagged.length} flagged for review` : ""}.`}
            {attempt.practice &&
              (() => {
                const done = Object.values(checks).filter((c): c is PracticeCheckDTO => c !== null);
                return done.length > 0 ? ` You checked ${done.length}: ${done.filter((c) => c.status === "correct").length} right.` : "";
              })()}
          </p>
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
                      onClick={() => jumpTo(p)}
                    >
                      Question {p + 1}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {flagged.length > 0 && (
            <div>
              <p>Flagged for review:</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {flagged.map((p) => (
                  <li key={p}>
                    <button type="button" className="rounded border border-stone-400 px-2 py-1 text-sm" onClick={() => jumpTo(p)}>
                      <span aria-hidden="true">⚑ </span>Question {p + 1}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="text-sm text-stone-600 dark:text-stone-300">Once submitted, answers cannot be changed.</p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className="rounded border border-stone-400 px-4 py-2"
              onClick={() => setPhase("answering")}
              disabled={phase === "submitting"}
            >
              Back to the questions
            </button>
            <button
              type="button"
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
              onClick={() => void submit()}
              disabled={phase === "submitting"}
            >
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

"use client";
// Owns the browser half of the question-type registry: each type's answer control, what "untouched" sends and what
// counts as answered. Keyed by the same QuestionType union as lib/question-types, so a new type fails to compile here
// until its control exists. Every control is labelled and usable by keyboard alone. Option, item and left-hand texts
// show their server-rendered inline Markdown; matching's right-hand choices stay plain text (a native <option> holds
// no markup).
import { useState, type ReactNode } from "react";
import type { QuestionType } from "@/lib/content/schema";
import { MAX_RESPONSE_TEXT } from "@/lib/quiz/limits";
import type { ClientResponse, ClientResponseOf } from "@/lib/grading/response";
import type { QuestionForAttemptOf } from "@/lib/grading/presentation";
import { InlineMarkdown } from "./question-markdown";

export type QuestionInputProps<T extends QuestionType> = {
  question: QuestionForAttemptOf<T>;
  /** Form name and id prefix for this question's controls; the prompt has the id `${name}-prompt`. */
  name: string;
  value: ClientResponseOf<T> | null;
  onChange: (value: ClientResponse, opts?: { debounce?: boolean }) => void;
  disabled?: boolean;
};

export type ClientQuestionType<T extends QuestionType> = {
  Input: (props: QuestionInputProps<T>) => ReactNode;
  /** The answer sent when the learner checks without touching the controls (an untouched ordering is the order shown). */
  untouched: (question: QuestionForAttemptOf<T>) => ClientResponseOf<T>;
  /** Whether the learner has given an answer yet (the summary before submitting lists the unanswered). */
  isAnswered: (value: ClientResponseOf<T>) => boolean;
};

const choiceRow =
  "flex cursor-pointer items-start gap-3 rounded border border-stone-300 bg-white px-3 py-2 hover:border-brand-600 dark:border-stone-700 dark:bg-stone-900";

function SingleInput({ question, name, value, onChange, disabled }: QuestionInputProps<"single">) {
  const chosen = value?.optionId ?? null;
  return (
    <div className="flex flex-col gap-2" role="radiogroup" aria-labelledby={`${name}-prompt`}>
      {question.options.map((o) => (
        <label key={o.id} className={choiceRow}>
          <input
            type="radio"
            name={name}
            value={o.id}
            checked={chosen === o.id}
            disabled={disabled}
            onChange={() => onChange({ type: "single", optionId: o.id })}
            className="mt-1"
          />
          <InlineMarkdown html={o.html} />
        </label>
      ))}
    </div>
  );
}

function MultipleInput({ question, name, value, onChange, disabled }: QuestionInputProps<"multiple">) {
  const chosen = new Set(value?.optionIds ?? []);
  return (
    <div className="flex flex-col gap-2" role="group" aria-labelledby={`${name}-prompt`}>
      <p className="text-sm text-stone-600 dark:text-stone-300">Choose all that apply.</p>
      {question.options.map((o) => (
        <label key={o.id} className={choiceRow}>
          <input
            type="checkbox"
            name={name}
            value={o.id}
            checked={chosen.has(o.id)}
            disabled={disabled}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(o.id);
              else next.delete(o.id);
              onChange({ type: "multiple", optionIds: question.options.map((x) => x.id).filter((id) => next.has(id)) });
            }}
            className="mt-1"
          />
          <InlineMarkdown html={o.html} />
        </label>
      ))}
    </div>
  );
}

function TrueFalseInput({ name, value, onChange, disabled }: QuestionInputProps<"truefalse">) {
  const v = value?.value ?? null;
  return (
    <div className="flex gap-3" role="radiogroup" aria-labelledby={`${name}-prompt`}>
      {[true, false].map((b) => (
        <label key={String(b)} className={choiceRow}>
          <input
            type="radio"
            name={name}
            checked={v === b}
            disabled={disabled}
            onChange={() => onChange({ type: "truefalse", value: b })}
            className="mt-1"
          />
          <span>{b ? "True" : "False"}</span>
        </label>
      ))}
    </div>
  );
}

function TextInput({ question, name, value, onChange, disabled }: QuestionInputProps<"numeric"> | QuestionInputProps<"short">) {
  const unit = question.type === "numeric" ? question.unit : "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={`${name}-input`} className="sr-only">
        Your answer{unit ? ` in ${unit}` : ""}
      </label>
      <input
        id={`${name}-input`}
        type="text"
        inputMode={question.type === "numeric" ? "decimal" : "text"}
        autoComplete="off"
        maxLength={MAX_RESPONSE_TEXT}
        value={value?.text ?? ""}
        disabled={disabled}
        aria-describedby={`${name}-prompt`}
        onChange={(e) => onChange({ type: question.type, text: e.target.value }, { debounce: true })}
        className="w-64 max-w-full rounded border border-stone-400 bg-white px-3 py-2 dark:border-stone-600 dark:bg-stone-900"
      />
      {unit && <span aria-hidden="true">{unit}</span>}
    </div>
  );
}

function OrderingInput({ question, name, value, onChange, disabled }: QuestionInputProps<"ordering">) {
  // Spoken after a move, so a screen-reader user hears where the item went.
  const [announcement, setAnnouncement] = useState("");
  const order = value && value.order.length === question.items.length ? value.order : question.items.map((i) => i.id);
  const text = new Map(question.items.map((i) => [i.id, i.text]));
  const html = new Map(question.items.map((i) => [i.id, i.html]));
  const move = (index: number, delta: number) => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (item === undefined) return; // never: the buttons exist only for items in the list
    const to = index + delta;
    next.splice(to, 0, item);
    onChange({ type: "ordering", order: next });
    // Keep keyboard focus on the moved item: its same button, or the other one once it reaches an end
    // (a disabled button would drop focus to the top of the page).
    const atEnd = delta > 0 ? to === next.length - 1 : to === 0;
    const wanted = `${name}-${item}-${atEnd ? (delta > 0 ? "up" : "down") : delta > 0 ? "down" : "up"}`;
    requestAnimationFrame(() => document.getElementById(wanted)?.focus());
    setAnnouncement(`${text.get(item)}: now ${to + 1} of ${next.length}.`);
  };
  return (
    <div>
      <p className="mb-2 text-sm text-stone-600 dark:text-stone-300">
        Put the items in order, first at the top. Use the Up and Down buttons.
      </p>
      <ol className="flex flex-col gap-2" aria-labelledby={`${name}-prompt`}>
        {order.map((id, index) => (
          <li
            key={id}
            className="flex items-center gap-2 rounded border border-stone-300 bg-white px-3 py-2 dark:border-stone-700 dark:bg-stone-900"
          >
            <span className="w-6 text-right font-mono text-sm" aria-hidden="true">
              {index + 1}.
            </span>
            <span className="flex-1">
              <InlineMarkdown html={html.get(id) ?? ""} />
            </span>
            <button
              id={`${name}-${id}-up`}
              type="button"
              className="rounded border border-stone-400 px-2 py-1 text-sm disabled:opacity-40"
              disabled={disabled || index === 0}
              onClick={() => move(index, -1)}
              aria-label={`Move up: ${text.get(id)}`}
            >
              Up
            </button>
            <button
              id={`${name}-${id}-down`}
              type="button"
              className="rounded border border-stone-400 px-2 py-1 text-sm disabled:opacity-40"
              disabled={disabled || index === order.length - 1}
              onClick={() => move(index, 1)}
              aria-label={`Move down: ${text.get(id)}`}
            >
              Down
            </button>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function MatchingInput({ question, name, value, onChange, disabled }: QuestionInputProps<"matching">) {
  const pairs = value?.pairs ?? {};
  return (
    <div className="flex flex-col gap-3" role="group" aria-labelledby={`${name}-prompt`}>
      {question.lefts.map((left) => (
        <div key={left.id} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
          <label htmlFor={`${name}-${left.id}`} className="sm:w-1/3 font-medium">
            <InlineMarkdown html={left.html} />
          </label>
          <select
            id={`${name}-${left.id}`}
            value={pairs[left.id] ?? ""}
            disabled={disabled}
            onChange={(e) => onChange({ type: "matching", pairs: { ...pairs, [left.id]: e.target.value || null } })}
            className="w-full min-w-0 rounded border border-stone-400 bg-white px-2 py-2 sm:w-auto sm:flex-1 dark:border-stone-600 dark:bg-stone-900"
          >
            <option value="">Choose a match…</option>
            {question.rights.map((r) => (
              <option key={r.id} value={r.id}>
                {r.text}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}

const hasText = (value: { text: string }) => value.text.trim().length > 0;

export const CLIENT_QUESTION_TYPES: { readonly [T in QuestionType]: ClientQuestionType<T> } = {
  single: { Input: SingleInput, untouched: () => ({ type: "single", optionId: null }), isAnswered: (v) => v.optionId !== null },
  multiple: { Input: MultipleInput, untouched: () => ({ type: "multiple", optionIds: [] }), isAnswered: (v) => v.optionIds.length > 0 },
  truefalse: { Input: TrueFalseInput, untouched: () => ({ type: "truefalse", value: null }), isAnswered: (v) => v.value !== null },
  numeric: { Input: TextInput, untouched: () => ({ type: "numeric", text: "" }), isAnswered: hasText },
  short: { Input: TextInput, untouched: () => ({ type: "short", text: "" }), isAnswered: hasText },
  ordering: {
    Input: OrderingInput,
    untouched: (q) => ({ type: "ordering", order: q.items.map((i) => i.id) }),
    isAnswered: (v) => v.order.length > 0,
  },
  matching: {
    Input: MatchingInput,
    untouched: () => ({ type: "matching", pairs: {} }),
    isAnswered: (v) => Object.values(v.pairs).some(Boolean),
  },
};

/** The browser half of one type's definition; typed over the whole union when called with `question.type` (see lib/question-types/registry.ts). */
export function clientQuestionType<T extends QuestionType>(type: T): ClientQuestionType<T> {
  return CLIENT_QUESTION_TYPES[type];
}

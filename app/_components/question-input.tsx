"use client";
// One question's answer controls, by type; every control labelled and usable by keyboard alone.
import { useState } from "react";
import type { ClientResponse } from "@/lib/grading/response";
import type { QuestionForAttempt } from "@/lib/grading/presentation";

type Props = {
  question: QuestionForAttempt;
  position: number;
  value: ClientResponse | null;
  onChange: (value: ClientResponse, opts?: { debounce?: boolean }) => void;
  disabled?: boolean;
};

const choiceRow =
  "flex cursor-pointer items-start gap-3 rounded border border-stone-300 bg-white px-3 py-2 hover:border-brand-600 dark:border-stone-700 dark:bg-stone-900";

export function QuestionInput({ question, position, value, onChange, disabled }: Props) {
  const name = `q${position}`;
  // Spoken after an ordering move, so a screen-reader user hears where the item went.
  const [announcement, setAnnouncement] = useState("");
  switch (question.type) {
    case "single": {
      const chosen = value?.type === "single" ? value.optionId : null;
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
              <span>{o.text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "multiple": {
      const chosen = new Set(value?.type === "multiple" ? value.optionIds : []);
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
              <span>{o.text}</span>
            </label>
          ))}
        </div>
      );
    }
    case "truefalse": {
      const v = value?.type === "truefalse" ? value.value : null;
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
    case "numeric":
    case "short": {
      const text = value?.type === question.type ? value.text : "";
      return (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${name}-input`} className="sr-only">
            Your answer{question.type === "numeric" && question.unit ? ` in ${question.unit}` : ""}
          </label>
          <input
            id={`${name}-input`}
            type="text"
            inputMode={question.type === "numeric" ? "decimal" : "text"}
            autoComplete="off"
            maxLength={500}
            value={text}
            disabled={disabled}
            aria-describedby={`${name}-prompt`}
            onChange={(e) => onChange({ type: question.type, text: e.target.value } as ClientResponse, { debounce: true })}
            className="w-64 max-w-full rounded border border-stone-400 bg-white px-3 py-2 dark:border-stone-600 dark:bg-stone-900"
          />
          {question.type === "numeric" && question.unit && <span aria-hidden="true">{question.unit}</span>}
        </div>
      );
    }
    case "ordering": {
      const order = value?.type === "ordering" && value.order.length === question.items.length ? value.order : question.items.map((i) => i.id);
      const text = new Map(question.items.map((i) => [i.id, i.text]));
      const move = (index: number, delta: number) => {
        const next = [...order];
        const [item] = next.splice(index, 1);
        if (item === undefined) return;
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
              <li key={id} className="flex items-center gap-2 rounded border border-stone-300 bg-white px-3 py-2 dark:border-stone-700 dark:bg-stone-900">
                <span className="w-6 text-right font-mono text-sm" aria-hidden="true">
                  {index + 1}.
                </span>
                <span className="flex-1">{text.get(id)}</span>
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
    case "matching": {
      const pairs = value?.type === "matching" ? value.pairs : {};
      return (
        <div className="flex flex-col gap-3" role="group" aria-labelledby={`${name}-prompt`}>
          {question.lefts.map((left) => (
            <div key={left.id} className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-3">
              <label htmlFor={`${name}-${left.id}`} className="sm:w-1/3 font-medium">
                {left.text}
              </label>
              <select
                id={`${name}-${left.id}`}
                value={pairs[left.id] ?? ""}
                disabled={disabled}
                onChange={(e) => onChange({ type: "matching", pairs: { ...pairs, [left.id]: e.target.value || null } })}
                className="flex-1 rounded border border-stone-400 bg-white px-2 py-2 dark:border-stone-600 dark:bg-stone-900"
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
  }
}

/** Whether a response counts as answered for the summary before submitting. */
export function isAnswered(value: ClientResponse | null): boolean {
  if (!value) return false;
  switch (value.type) {
    case "single":
      return value.optionId !== null;
    case "multiple":
      return value.optionIds.length > 0;
    case "truefalse":
      return value.value !== null;
    case "numeric":
    case "short":
      return value.text.trim().length > 0;
    case "ordering":
      return value.order.length > 0;
    case "matching":
      return Object.values(value.pairs).some(Boolean);
  }
}

"use client";
// Picks a fixed quiz's questions from the bank: filter by topic, type, difficulty, facility and text, tick the ones
// wanted. The form still posts one `questionKeys` field (keys in the order ticked), the contract createCustomQuiz has.
import { useId, useMemo, useState } from "react";
import { CUSTOM_QUIZ_MAX_QUESTIONS } from "@/lib/quiz/limits";
import type { PickableQuestionDTO } from "@/lib/dal/question-picker";

const FACILITY_BANDS = {
  any: { label: "Any", test: () => true },
  hard: { label: "Hard (under 40% right)", test: (f: number | null) => f !== null && f < 40 },
  medium: { label: "Medium (40–80%)", test: (f: number | null) => f !== null && f >= 40 && f <= 80 },
  easy: { label: "Easy (over 80%)", test: (f: number | null) => f !== null && f > 80 },
  none: { label: "Not answered in your classes yet", test: (f: number | null) => f === null },
} as const;
type Band = keyof typeof FACILITY_BANDS;

const controlClass = "rounded border border-stone-400 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-900";

/** The list shows this many matches at once; narrowing the filters shows the rest. */
const SHOWN = 60;

export function QuestionPicker({ questions, error }: { questions: PickableQuestionDTO[]; error?: string[] }) {
  const id = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const [topic, setTopic] = useState("");
  const [type, setType] = useState("");
  const [difficulty, setDifficulty] = useState("");
  const [band, setBand] = useState<Band>("any");
  const [text, setText] = useState("");
  const topics = useMemo(() => [...new Map(questions.map((q) => [q.topicSlug, q.topicTitle])).entries()], [questions]);
  const types = useMemo(() => [...new Map(questions.map((q) => [q.type, q.typeLabel])).entries()], [questions]);
  const difficulties = useMemo(() => [...new Set(questions.map((q) => q.difficulty))], [questions]);
  const needle = text.trim().toLowerCase();
  const matches = questions.filter(
    (q) =>
      (!topic || q.topicSlug === topic) &&
      (!type || q.type === type) &&
      (!difficulty || q.difficulty === difficulty) &&
      FACILITY_BANDS[band].test(q.facility) &&
      (!needle || q.prompt.toLowerCase().includes(needle) || q.key.toLowerCase().includes(needle)),
  );
  const full = picked.length >= CUSTOM_QUIZ_MAX_QUESTIONS;
  const toggle = (key: string, on: boolean) => setPicked((p) => (on ? (p.includes(key) ? p : [...p, key]) : p.filter((k) => k !== key)));

  return (
    <fieldset className="flex flex-col gap-3 rounded border border-stone-300 p-3 dark:border-stone-700" aria-describedby={`${id}-count`}>
      <legend className="px-1 font-medium">Or pick questions for a fixed quiz (optional)</legend>
      <input type="hidden" name="questionKeys" value={picked.join(" ")} />
      <p className="text-sm text-stone-600 dark:text-stone-300">
        Ticked questions make a fixed quiz, in the order you tick them, and the topics above are then ignored. The list holds the
        course&apos;s questions and those of your question banks.
      </p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm">
          Search the text
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} className={controlClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Topic
          <select value={topic} onChange={(e) => setTopic(e.target.value)} className={controlClass}>
            <option value="">Any topic</option>
            {topics.map(([slug, title]) => (
              <option key={slug} value={slug}>
                {title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Type
          <select value={type} onChange={(e) => setType(e.target.value)} className={controlClass}>
            <option value="">Any type</option>
            {types.map(([t, label]) => (
              <option key={t} value={t}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Difficulty
          <select value={difficulty} onChange={(e) => setDifficulty(e.target.value)} className={controlClass}>
            <option value="">Any difficulty</option>
            {difficulties.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Facility in your classes
          <select value={band} onChange={(e) => setBand(e.target.value as Band)} className={controlClass}>
            {(Object.keys(FACILITY_BANDS) as Band[]).map((b) => (
              <option key={b} value={b}>
                {FACILITY_BANDS[b].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={`${id}-count`} className="text-sm" aria-live="polite">
        {picked.length} of at most {CUSTOM_QUIZ_MAX_QUESTIONS} picked · {matches.length} match the filters
        {matches.length > SHOWN ? ` (the first ${SHOWN} are listed; narrow the filters to see others)` : ""}.
        {picked.length > 0 && (
          <>
            {" "}
            <button type="button" className="underline" onClick={() => setPicked([])}>
              Clear the picks
            </button>
          </>
        )}
      </p>
      {error?.length ? <p className="text-sm text-red-700 dark:text-red-400">{error.join(" ")}</p> : null}
      {matches.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-3 text-sm dark:border-stone-600">
          No question matches these filters.
        </p>
      ) : (
        <ul className="flex max-h-96 flex-col gap-1 overflow-y-auto" aria-label="Questions matching the filters">
          {matches.slice(0, SHOWN).map((q) => {
            const on = picked.includes(q.key);
            return (
              <li key={q.key} className="rounded border border-stone-200 p-2 dark:border-stone-800">
                <label className="flex items-start gap-2">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={on}
                    disabled={!on && full}
                    onChange={(e) => toggle(q.key, e.target.checked)}
                  />
                  <span className="flex min-w-0 flex-col">
                    <span className="break-words">{q.prompt || q.key}</span>
                    <span className="text-xs text-stone-600 dark:text-stone-300">
                      {q.topicTitle} · {q.typeLabel} · {q.difficulty} ·{" "}
                      {q.facility === null ? "not answered yet" : `${q.facility.toFixed(0)}% right (${q.responses} responses)`} · {q.source}{" "}
                      · {q.key}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}

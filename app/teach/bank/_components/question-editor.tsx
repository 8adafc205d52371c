"use client";
// The bank's question editor: every field of the seven types, validated as the server will (EditedQuestionSchema)
// with errors on their fields, a live preview through the learner's own controls, and an autosaved draft.
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { QUESTION_TYPES, type Question, type QuestionType } from "@/lib/content/schema";
import { EditedQuestionSchema } from "@/lib/validation/bank-question";
import { QUESTION_TYPE_REGISTRY } from "@/lib/question-types/registry";
import { buildPresentation, toClientQuestion, type ClientResponse } from "@/lib/grading";
import { QuestionInput } from "@/app/_components/question-input";
import { QuestionPrompt } from "@/app/_components/question-markdown";
import { discardQuestionDraftAction, saveQuestionAction, saveQuestionDraftAction } from "@/lib/actions/question-banks";
import type { EditorTopicDTO } from "@/lib/dal/question-banks";
import type { Choice, EditorForm } from "./editor-form";

const input =
  "rounded border border-stone-400 bg-white px-2 py-1 text-stone-900 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-700/40";
const smallButton = "rounded border border-stone-400 px-2 py-1 text-sm disabled:opacity-50 dark:border-stone-600";

const num = (s: string): number | string => (s.trim() === "" || Number.isNaN(Number(s)) ? s : Number(s));
const opt = (s: string) => (s.trim() === "" ? undefined : s);

/** The question the form describes, as the schema reads it (unvalidated). */
function questionFromForm(f: EditorForm): Record<string, unknown> {
  const base = {
    key: f.key.trim(),
    type: f.type,
    difficulty: f.difficulty,
    points: num(f.points),
    prompt: f.prompt,
    explanation: opt(f.explanation),
    section: opt(f.section),
    bloom: f.kept.bloom,
    paragraphs: f.kept.paragraphs ?? [],
    outsideSources: f.kept.outsideSources ?? [],
  };
  switch (f.type) {
    case "single":
    case "multiple":
      return { ...base, options: f.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, feedback: opt(o.feedback) })) };
    case "truefalse":
      return { ...base, answer: f.answerTrue };
    case "numeric":
      return {
        ...base,
        answer: num(f.numAnswer),
        tolerance: num(f.tolerance),
        unit: f.unit.trim(),
        acceptedUnits: f.acceptedUnits
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean),
        acceptMagnitude: f.acceptMagnitude,
      };
    case "short":
      return { ...base, accepted: f.accepted, term: f.kept.term };
    case "ordering":
      return { ...base, items: f.items };
    case "matching":
      return { ...base, pairs: f.pairs, distractors: f.distractors.filter((d) => d.trim() !== "") };
  }
}

type Errors = Record<string, string[]>;

function validate(f: EditorForm): { question: Question | null; errors: Errors } {
  const parsed = EditedQuestionSchema.safeParse(questionFromForm(f));
  if (parsed.success) return { question: parsed.data, errors: {} };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join(".") || "prompt"] ??= []).push(issue.message);
  return { question: null, errors };
}

/** A part id not yet used: letters for options and items, p1, p2… for pairs. */
function freshId(taken: readonly string[], prefix: string): string {
  for (let i = 0; ; i++) {
    const id = prefix ? `${prefix}${i + 1}` : i < 26 ? String.fromCharCode(97 + i) : `o${i}`;
    if (!taken.includes(id)) return id;
  }
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x!);
  return out;
}

const fieldId = (path: string) => `f-${path.replace(/\./g, "-")}`;

function ErrorText({ errors, path }: { errors: Errors; path: string }) {
  const list = errors[path];
  return list ? (
    <p id={`${fieldId(path)}-error`} className="text-sm text-red-700 dark:text-red-400">
      {list.join(" ")}
    </p>
  ) : null;
}

type Props = {
  bankId: string;
  bankName: string;
  questionId: string | null;
  topics: EditorTopicDTO[];
  initial: EditorForm;
  draft: { data: unknown; updatedAt: string } | null;
};

export function QuestionEditor({ bankId, bankName, questionId, topics, initial, draft }: Props) {
  const router = useRouter();
  const restored = useMemo(() => {
    const d = (draft?.data as { form?: EditorForm } | undefined)?.form;
    return d && typeof d === "object" && QUESTION_TYPES.includes(d.type) ? { ...initial, ...d, kept: d.kept ?? initial.kept } : null;
  }, [draft, initial]);
  const [form, setForm] = useState<EditorForm>(restored ?? initial);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string>(
    restored ? `Restored your unsaved draft from ${new Date(draft!.updatedAt).toLocaleString()}.` : "",
  );
  const [saving, setSaving] = useState(false);
  const dirty = useRef(false);

  const { question, errors: clientErrors } = useMemo(() => validate(form), [form]);
  const errors: Errors = showErrors ? { ...clientErrors, ...serverErrors } : serverErrors;

  // Autosave: a draft a second and a half after the last change (never before the first edit).
  useEffect(() => {
    if (!dirty.current) return;
    const t = setTimeout(() => {
      if (!dirty.current) return; // saved meanwhile: the save cleared the draft
      void saveQuestionDraftAction({ bankId, questionId: questionId ?? undefined, data: { form } }).then((r) => {
        if (r.ok) setStatus(`Draft saved at ${new Date(r.data.savedAt).toLocaleTimeString()}.`);
      });
    }, 1500);
    return () => clearTimeout(t);
  }, [form, bankId, questionId]);

  function update(patch: Partial<EditorForm>) {
    dirty.current = true;
    setServerErrors({});
    setForm((f) => ({ ...f, ...patch }));
  }

  async function save() {
    setShowErrors(true);
    if (!question) {
      setStatus("Not saved: fix the highlighted fields.");
      const first = Object.keys(clientErrors)[0];
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setSaving(true);
    dirty.current = false;
    const r = await saveQuestionAction({ bankId, questionId: questionId ?? undefined, topicSlug: form.topicSlug, question });
    setSaving(false);
    if (!r.ok) {
      dirty.current = true;
      const fe: Errors = {};
      for (const [k, v] of Object.entries(r.fieldErrors ?? {})) fe[k.replace(/^question\./, "") || "prompt"] = v;
      setServerErrors(fe);
      setStatus(r.error);
      return;
    }
    dirty.current = false;
    setStatus(r.data.newVersion ? `Saved as version ${r.data.version}.` : `No changes to the question: still version ${r.data.version}.`);
    if (!questionId) router.push(`/teach/bank/${bankId}/questions/${r.data.questionId}`);
    else router.refresh();
  }

  async function discard() {
    await discardQuestionDraftAction({ bankId, questionId: questionId ?? undefined });
    dirty.current = false;
    setForm(initial);
    setStatus("Draft discarded.");
  }

  const err = (path: string) => errors[path];
  const control = (path: string, describedBy?: string) => ({
    id: fieldId(path),
    "aria-invalid": err(path) ? (true as const) : undefined,
    "aria-describedby": [describedBy, err(path) ? `${fieldId(path)}-error` : null].filter(Boolean).join(" ") || undefined,
  });
  const groupProps = (path: string) => ({ "aria-describedby": err(path) ? `${fieldId(path)}-error` : undefined });

  const sections = topics.find((t) => t.slug === form.topicSlug)?.sections ?? [];
  const isNew = questionId === null;

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form
        className="flex flex-col gap-5"
        aria-label={isNew ? `New question in ${bankName}` : `Edit question ${form.key}`}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("type")} className="font-medium">
              Question type
            </label>
            <select
              id={fieldId("type")}
              className={input}
              value={form.type}
              disabled={!isNew}
              aria-describedby={isNew ? undefined : "type-fixed"}
              onChange={(e) => update({ type: e.target.value as QuestionType })}
            >
              {QUESTION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {QUESTION_TYPE_REGISTRY[t].label}
                </option>
              ))}
            </select>
            {!isNew && (
              <p id="type-fixed" className="text-sm text-stone-600 dark:text-stone-300">
                A saved question keeps its type; duplicate it to change more.
              </p>
            )}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("key")} className="font-medium">
              Key
            </label>
            <input
              {...control("key", "key-hint")}
              className={`${input} font-mono`}
              value={form.key}
              readOnly={!isNew}
              onChange={(e) => update({ key: e.target.value })}
            />
            <p id="key-hint" className="text-sm text-stone-600 dark:text-stone-300">
              Lowercase words with hyphens; class quizzes list questions by key{isNew ? "" : " (fixed once saved)"}.
            </p>
            <ErrorText errors={errors} path="key" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("topicSlug")} className="font-medium">
              Topic
            </label>
            <select
              {...control("topicSlug")}
              className={input}
              value={form.topicSlug}
              onChange={(e) => update({ topicSlug: e.target.value, section: "" })}
            >
              {topics.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.title}
                </option>
              ))}
            </select>
            <ErrorText errors={errors} path="topicSlug" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("section")} className="font-medium">
              Lesson section (optional)
            </label>
            <select {...control("section")} className={input} value={form.section} onChange={(e) => update({ section: e.target.value })}>
              <option value="">None</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <ErrorText errors={errors} path="section" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("difficulty")} className="font-medium">
              Difficulty
            </label>
            <select
              {...control("difficulty")}
              className={input}
              value={form.difficulty}
              onChange={(e) => update({ difficulty: e.target.value })}
            >
              <option value="easy">Easy</option>
              <option value="medium">Medium</option>
              <option value="hard">Hard</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={fieldId("points")} className="font-medium">
              Points
            </label>
            <input
              {...control("points")}
              className={input}
              inputMode="decimal"
              value={form.points}
              onChange={(e) => update({ points: e.target.value })}
            />
            <ErrorText errors={errors} path="points" />
          </div>
        </div>

        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId("prompt")} className="font-medium">
            Prompt
          </label>
          <textarea
            {...control("prompt", "prompt-hint")}
            className={input}
            rows={4}
            value={form.prompt}
            onChange={(e) => update({ prompt: e.target.value })}
          />
          <p id="prompt-hint" className="text-sm text-stone-600 dark:text-stone-300">
            Markdown; at most 1000 characters. An image needs a description: <code>![what it shows](/api/images/…)</code>; only images
            imported with a bank are shown.
          </p>
          <ErrorText errors={errors} path="prompt" />
        </div>

        <TypeFields form={form} update={update} control={control} errors={errors} groupProps={groupProps} />

        <div className="flex flex-col gap-1">
          <label htmlFor={fieldId("explanation")} className="font-medium">
            Explanation (optional)
          </label>
          <textarea
            {...control("explanation", "explanation-hint")}
            className={input}
            rows={3}
            value={form.explanation}
            onChange={(e) => update({ explanation: e.target.value })}
          />
          <p id="explanation-hint" className="text-sm text-stone-600 dark:text-stone-300">
            Why the key is right, shown after the attempt.
          </p>
          <ErrorText errors={errors} path="explanation" />
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={saving} className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
            {saving ? "Saving…" : "Save question"}
          </button>
          <button type="button" className={smallButton} onClick={() => void discard()}>
            Discard draft
          </button>
        </div>
        <p role="status" className="text-sm text-stone-700 dark:text-stone-300">
          {status}
        </p>
      </form>

      <section aria-labelledby="preview-heading" className="flex flex-col gap-3">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview (as a student sees it)
        </h2>
        <Preview question={question} />
      </section>
    </div>
  );
}

/** The learner's own controls for the question as typed, with a fresh shuffle per change (as each attempt has). */
function Preview({ question }: { question: Question | null }) {
  const [value, setValue] = useState<ClientResponse | null>(null);
  const shown = useMemo(() => {
    if (!question) return null;
    try {
      return toClientQuestion(question, buildPresentation(question, Math.random));
    } catch {
      return null;
    }
  }, [question]);
  if (!shown) return <p className="text-stone-600 dark:text-stone-300">The preview appears once the question is complete and valid.</p>;
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded border border-stone-300 p-4 dark:border-stone-700">
      <legend className="sr-only">Preview</legend>
      <p className="text-sm text-stone-600 dark:text-stone-300">
        Question 1 · {shown.points} point{shown.points === 1 ? "" : "s"}
      </p>
      <QuestionPrompt name="q0" html={shown.promptHtml} />
      <QuestionInput question={shown} position={0} value={value} onChange={(v) => setValue(v)} />
    </fieldset>
  );
}

type FieldsProps = {
  form: EditorForm;
  update: (patch: Partial<EditorForm>) => void;
  control: (path: string, describedBy?: string) => { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  errors: Errors;
  groupProps: (path: string) => { "aria-describedby"?: string };
};

function RowButtons({
  label,
  index,
  count,
  onMove,
  onRemove,
  min,
}: {
  label: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  min: number;
}) {
  return (
    <div className="flex gap-1">
      <button type="button" className={smallButton} disabled={index === 0} onClick={() => onMove(index - 1)}>
        Up
        <span className="sr-only">
          {" "}
          ({label} {index + 1})
        </span>
      </button>
      <button type="button" className={smallButton} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        Down
        <span className="sr-only">
          {" "}
          ({label} {index + 1})
        </span>
      </button>
      <button type="button" className={smallButton} disabled={count <= min} onClick={onRemove}>
        Remove
        <span className="sr-only">
          {" "}
          {label} {index + 1}
        </span>
      </button>
    </div>
  );
}

function TypeFields({ form, update, control, errors, groupProps }: FieldsProps) {
  const legend = "font-medium";
  switch (form.type) {
    case "single":
    case "multiple": {
      const single = form.type === "single";
      const set = (options: Choice[]) => update({ options });
      return (
        <fieldset className="flex flex-col gap-3" {...groupProps("options")}>
          <legend className={legend}>Options ({single ? "mark the one correct option" : "mark every correct option"})</legend>
          <ErrorText errors={errors} path="options" />
          {form.options.map((o, i) => (
            <div key={o.id} className="flex flex-col gap-2 rounded border border-stone-300 p-3 dark:border-stone-700">
              <div className="flex flex-col gap-1">
                <label htmlFor={`f-options-${i}-text`}>Option {i + 1} text</label>
                <input
                  {...control(`options.${i}.text`)}
                  className={input}
                  value={o.text}
                  onChange={(e) => set(form.options.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
                />
                <ErrorText errors={errors} path={`options.${i}.text`} />
              </div>
              <label className="flex items-center gap-2">
                <input
                  type={single ? "radio" : "checkbox"}
                  name="correct-option"
                  checked={o.correct}
                  onChange={(e) =>
                    set(
                      form.options.map((x, j) => (single ? { ...x, correct: j === i } : j === i ? { ...x, correct: e.target.checked } : x)),
                    )
                  }
                />
                Option {i + 1} is correct
              </label>
              <div className="flex flex-col gap-1">
                <label htmlFor={`f-options-${i}-feedback`}>Option {i + 1} feedback (optional)</label>
                <input
                  {...control(`options.${i}.feedback`)}
                  className={input}
                  value={o.feedback}
                  onChange={(e) => set(form.options.map((x, j) => (j === i ? { ...x, feedback: e.target.value } : x)))}
                />
                <ErrorText errors={errors} path={`options.${i}.feedback`} />
              </div>
              <RowButtons
                label="option"
                index={i}
                count={form.options.length}
                min={2}
                onMove={(to) => set(move(form.options, i, to))}
                onRemove={() => set(form.options.filter((_, j) => j !== i))}
              />
            </div>
          ))}
          <button
            type="button"
            className={smallButton}
            onClick={() =>
              set([
                ...form.options,
                {
                  id: freshId(
                    form.options.map((o) => o.id),
                    "",
                  ),
                  text: "",
                  correct: false,
                  feedback: "",
                },
              ])
            }
          >
            Add option
          </button>
        </fieldset>
      );
    }
    case "truefalse":
      return (
        <fieldset className="flex flex-col gap-2" {...groupProps("answer")}>
          <legend className={legend}>The statement is</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="tf-answer" checked={form.answerTrue} onChange={() => update({ answerTrue: true })} /> True
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="tf-answer" checked={!form.answerTrue} onChange={() => update({ answerTrue: false })} /> False
          </label>
          <ErrorText errors={errors} path="answer" />
        </fieldset>
      );
    case "numeric":
      return (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className={legend}>Numeric answer</legend>
          {(
            [
              ["answer", "Answer", form.numAnswer, (v: string) => update({ numAnswer: v })],
              ["tolerance", "Tolerance (±)", form.tolerance, (v: string) => update({ tolerance: v })],
              ["unit", "Unit shown (optional)", form.unit, (v: string) => update({ unit: v })],
              [
                "acceptedUnits",
                "Accepted unit spellings, comma-separated (optional)",
                form.acceptedUnits,
                (v: string) => update({ acceptedUnits: v }),
              ],
            ] as const
          ).map(([path, label, value, set]) => (
            <div key={path} className="flex flex-col gap-1">
              <label htmlFor={fieldId(path)}>{label}</label>
              <input {...control(path)} className={input} value={value} onChange={(e) => set(e.target.value)} />
              <ErrorText errors={errors} path={path} />
            </div>
          ))}
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" checked={form.acceptMagnitude} onChange={(e) => update({ acceptMagnitude: e.target.checked })} />
            Also accept the answer with its sign flipped (the question asks for the size of a change)
          </label>
        </fieldset>
      );
    case "short":
      return (
        <fieldset className="flex flex-col gap-2" {...groupProps("accepted")}>
          <legend className={legend}>Accepted answers (case, accents and punctuation are ignored)</legend>
          <ErrorText errors={errors} path="accepted" />
          {form.accepted.map((a, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={fieldId(`accepted.${i}`)}>Accepted answer {i + 1}</label>
                <input
                  {...control(`accepted.${i}`)}
                  className={input}
                  value={a}
                  onChange={(e) => update({ accepted: form.accepted.map((x, j) => (j === i ? e.target.value : x)) })}
                />
                <ErrorText errors={errors} path={`accepted.${i}`} />
              </div>
              <RowButtons
                label="accepted answer"
                index={i}
                count={form.accepted.length}
                min={1}
                onMove={(to) => update({ accepted: move(form.accepted, i, to) })}
                onRemove={() => update({ accepted: form.accepted.filter((_, j) => j !== i) })}
              />
            </div>
          ))}
          <button type="button" className={smallButton} onClick={() => update({ accepted: [...form.accepted, ""] })}>
            Add accepted answer
          </button>
        </fieldset>
      );
    case "ordering":
      return (
        <fieldset className="flex flex-col gap-2" {...groupProps("items")}>
          <legend className={legend}>Items, in the correct order (attempts shuffle them)</legend>
          <ErrorText errors={errors} path="items" />
          {form.items.map((it, i) => (
            <div key={it.id} className="flex flex-wrap items-end gap-2">
              <div className="flex flex-col gap-1">
                <label htmlFor={fieldId(`items.${i}.text`)}>Item {i + 1}</label>
                <input
                  {...control(`items.${i}.text`)}
                  className={input}
                  value={it.text}
                  onChange={(e) => update({ items: form.items.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
                />
                <ErrorText errors={errors} path={`items.${i}.text`} />
              </div>
              <RowButtons
                label="item"
                index={i}
                count={form.items.length}
                min={3}
                onMove={(to) => update({ items: move(form.items, i, to) })}
                onRemove={() => update({ items: form.items.filter((_, j) => j !== i) })}
              />
            </div>
          ))}
          <button
            type="button"
            className={smallButton}
            onClick={() =>
              update({
                items: [
                  ...form.items,
                  {
                    id: freshId(
                      form.items.map((x) => x.id),
                      "",
                    ),
                    text: "",
                  },
                ],
              })
            }
          >
            Add item
          </button>
        </fieldset>
      );
    case "matching":
      return (
        <div className="flex flex-col gap-4">
          <fieldset className="flex flex-col gap-2" {...groupProps("pairs")}>
            <legend className={legend}>Pairs (each left item matches its right item)</legend>
            <ErrorText errors={errors} path="pairs" />
            {form.pairs.map((p, i) => (
              <div key={p.id} className="flex flex-wrap items-end gap-2">
                <div className="flex flex-col gap-1">
                  <label htmlFor={fieldId(`pairs.${i}.left`)}>Pair {i + 1} left</label>
                  <input
                    {...control(`pairs.${i}.left`)}
                    className={input}
                    value={p.left}
                    onChange={(e) => update({ pairs: form.pairs.map((x, j) => (j === i ? { ...x, left: e.target.value } : x)) })}
                  />
                  <ErrorText errors={errors} path={`pairs.${i}.left`} />
                </div>
                <div className="flex flex-col gap-1">
                  <label htmlFor={fieldId(`pairs.${i}.right`)}>Pair {i + 1} right</label>
                  <input
                    {...control(`pairs.${i}.right`)}
                    className={input}
                    value={p.right}
                    onChange={(e) => update({ pairs: form.pairs.map((x, j) => (j === i ? { ...x, right: e.target.value } : x)) })}
                  />
                  <ErrorText errors={errors} path={`pairs.${i}.right`} />
                </div>
                <RowButtons
                  label="pair"
                  index={i}
                  count={form.pairs.length}
                  min={3}
                  onMove={(to) => update({ pairs: move(form.pairs, i, to) })}
                  onRemove={() => update({ pairs: form.pairs.filter((_, j) => j !== i) })}
                />
              </div>
            ))}
            <button
              type="button"
              className={smallButton}
              onClick={() =>
                update({
                  pairs: [
                    ...form.pairs,
                    {
                      id: freshId(
                        form.pairs.map((x) => x.id),
                        "p",
                      ),
                      left: "",
                      right: "",
                    },
                  ],
                })
              }
            >
              Add pair
            </button>
          </fieldset>
          <fieldset className="flex flex-col gap-2" {...groupProps("distractors")}>
            <legend className={legend}>Distractors (right-hand choices that match nothing; optional)</legend>
            <ErrorText errors={errors} path="distractors" />
            {form.distractors.map((d, i) => (
              <div key={i} className="flex flex-wrap items-end gap-2">
                <div className="flex flex-col gap-1">
                  <label htmlFor={fieldId(`distractors.${i}`)}>Distractor {i + 1}</label>
                  <input
                    {...control(`distractors.${i}`)}
                    className={input}
                    value={d}
                    onChange={(e) => update({ distractors: form.distractors.map((x, j) => (j === i ? e.target.value : x)) })}
                  />
                  <ErrorText errors={errors} path={`distractors.${i}`} />
                </div>
                <RowButtons
                  label="distractor"
                  index={i}
                  count={form.distractors.length}
                  min={0}
                  onMove={(to) => update({ distractors: move(form.distractors, i, to) })}
                  onRemove={() => update({ distractors: form.distractors.filter((_, j) => j !== i) })}
                />
              </div>
            ))}
            <button type="button" className={smallButton} onClick={() => update({ distractors: [...form.distractors, ""] })}>
              Add distractor
            </button>
          </fieldset>
        </div>
      );
  }
}

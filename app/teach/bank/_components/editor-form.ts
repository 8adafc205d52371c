// The bank editor's form state and its conversion from a saved question (shared by the pages and the editor).
import type { Question, QuestionType } from "@/lib/content/schema";

export type Choice = { id: string; text: string; correct: boolean; feedback: string };
export type Item = { id: string; text: string };
export type Pair = { id: string; left: string; right: string };

/** The editor's state as typed: numbers stay strings until saved, so a half-typed "1." is not lost. */
export type EditorForm = {
  type: QuestionType;
  key: string;
  topicSlug: string;
  section: string;
  difficulty: string;
  points: string;
  prompt: string;
  explanation: string;
  options: Choice[];
  answerTrue: boolean;
  numAnswer: string;
  tolerance: string;
  unit: string;
  acceptedUnits: string;
  acceptMagnitude: boolean;
  accepted: string[];
  items: Item[];
  pairs: Pair[];
  distractors: string[];
  /** Fields the editor does not show but must keep (a duplicated content question's provenance and Bloom level). */
  kept: { bloom?: string; paragraphs?: string[]; outsideSources?: string[]; term?: string };
};

export function blankForm(topicSlug: string): EditorForm {
  return {
    type: "single",
    key: "",
    topicSlug,
    section: "",
    difficulty: "medium",
    points: "1",
    prompt: "",
    explanation: "",
    options: ["a", "b", "c", "d"].map((id, i) => ({ id, text: "", correct: i === 0, feedback: "" })),
    answerTrue: true,
    numAnswer: "",
    tolerance: "0",
    unit: "",
    acceptedUnits: "",
    acceptMagnitude: false,
    accepted: [""],
    items: ["a", "b", "c"].map((id) => ({ id, text: "" })),
    pairs: ["p1", "p2", "p3"].map((id) => ({ id, left: "", right: "" })),
    distractors: [],
    kept: {},
  };
}

export function formFromQuestion(q: Question, topicSlug: string): EditorForm {
  const f = blankForm(topicSlug);
  Object.assign(f, {
    type: q.type,
    key: q.key,
    section: q.section ?? "",
    difficulty: q.difficulty,
    points: String(q.points),
    prompt: q.prompt,
    explanation: q.explanation ?? "",
    kept: { bloom: q.bloom, paragraphs: q.paragraphs, outsideSources: q.outsideSources, term: q.type === "short" ? q.term : undefined },
  });
  if (q.type === "single" || q.type === "multiple")
    f.options = q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, feedback: o.feedback ?? "" }));
  if (q.type === "truefalse") f.answerTrue = q.answer;
  if (q.type === "numeric")
    Object.assign(f, {
      numAnswer: String(q.answer),
      tolerance: String(q.tolerance),
      unit: q.unit,
      acceptedUnits: q.acceptedUnits.join(", "),
      acceptMagnitude: q.acceptMagnitude,
    });
  if (q.type === "short") f.accepted = [...q.accepted];
  if (q.type === "ordering") f.items = q.items.map((i) => ({ ...i }));
  if (q.type === "matching") {
    f.pairs = q.pairs.map((p) => ({ ...p }));
    f.distractors = [...q.distractors];
  }
  return f;
}

// Owns the question fixtures and the seeded RNG shared by the grading tests.
import { QuestionSchema, type Question, type QuestionOf, type QuestionType } from "@/lib/content/schema";

const common = {
  difficulty: "medium",
  bloom: "remember",
  section: "what-was-agreed",
  paragraphs: ["P4"],
};

// Parsing through the real schema applies its defaults (points, correct: false, acceptedUnits, distractors).
function parse<T extends QuestionType>(type: T, raw: Record<string, unknown>): QuestionOf<T> {
  const q = QuestionSchema.parse({ ...common, type, ...raw });
  if (q.type !== type) throw new Error("fixture type mismatch");
  return q as QuestionOf<T>;
}

export const single = parse("single", {
  key: "plaza-goal",
  prompt: "What did the Plaza Accord set out to do?",
  explanation: "EXPLAIN-SINGLE: the G5 agreed to push the dollar down.",
  points: 3,
  options: [
    { id: "opt-lower", text: "Bring the dollar down against other major currencies", correct: true, feedback: "FEEDBACK-SINGLE-RIGHT" },
    { id: "opt-raise", text: "Raise the dollar against the yen", feedback: "FEEDBACK-SINGLE-RAISE" },
    { id: "opt-peg", text: "Peg the yen to gold", feedback: "FEEDBACK-SINGLE-PEG" },
    { id: "opt-tariff", text: "Cut tariffs on cars", feedback: "FEEDBACK-SINGLE-TARIFF" },
  ],
});

/** C = 2 correct (opt-g5, opt-sell), W = 3 wrong (opt-gold, opt-imf, opt-cap); worth 2 points. */
export const multiple = parse("multiple", {
  key: "plaza-facts",
  prompt: "Which statements about the Plaza Accord are true?",
  explanation: "EXPLAIN-MULTIPLE: five governments, coordinated intervention.",
  points: 2,
  options: [
    { id: "opt-g5", text: "Five governments signed on", correct: true, feedback: "FEEDBACK-MULTI-G5" },
    { id: "opt-gold", text: "It restored the gold standard", feedback: "FEEDBACK-MULTI-GOLD" },
    { id: "opt-sell", text: "Central banks sold dollars", correct: true, feedback: "FEEDBACK-MULTI-SELL" },
    { id: "opt-imf", text: "It created the IMF", feedback: "FEEDBACK-MULTI-IMF" },
    { id: "opt-cap", text: "It capped Japanese car exports", feedback: "FEEDBACK-MULTI-CAP" },
  ],
});

/** Builds a multiple-response question with `c` correct and `w` wrong options. */
export function multipleWith(c: number, w: number): QuestionOf<"multiple"> {
  const options = [
    ...Array.from({ length: c }, (_, i) => ({ id: `right-${i}`, text: `Right ${i}`, correct: true, feedback: "Right." })),
    ...Array.from({ length: w }, (_, i) => ({ id: `wrong-${i}`, text: `Wrong ${i}`, feedback: "Wrong." })),
  ];
  return parse("multiple", { key: `multi-${c}-${w}`, prompt: "Pick all that apply.", explanation: "Because.", options });
}

export const trueFalse = parse("truefalse", {
  key: "plaza-dollar-fell",
  prompt: "After the Plaza Accord, the dollar fell against the yen.",
  explanation: "EXPLAIN-TF: the yen roughly doubled in value within two years.",
  answer: true,
});

/** 240 ± 5 yen per dollar. */
export const numericRate = parse("numeric", {
  key: "rate-1985",
  prompt: "About how many yen did one dollar buy just before the agreement?",
  explanation: "EXPLAIN-NUMERIC: roughly two hundred and forty.",
  answer: 240,
  tolerance: 5,
  unit: "yen per dollar",
  acceptedUnits: ["yen", "JPY", "yen/$", "円"],
});

/** A year: exact, no unit. */
export const numericYear = parse("numeric", {
  key: "plaza-year",
  prompt: "In which year was the Plaza Accord signed?",
  explanation: "EXPLAIN-YEAR.",
  answer: 1985,
  tolerance: 0,
  unit: "",
});

/** 0.3 ± 0.1: both boundaries are inexact in binary floating point. */
export const numericFloat = parse("numeric", {
  key: "float-edge",
  prompt: "Give a share between 0.2 and 0.4.",
  explanation: "EXPLAIN-FLOAT.",
  answer: 0.3,
  tolerance: 0.1,
  unit: "",
});

/** −3.5 exactly, billions of dollars. */
export const numericNegative = parse("numeric", {
  key: "balance-change",
  prompt: "By how much did the balance change?",
  explanation: "EXPLAIN-NEG.",
  answer: -3.5,
  tolerance: 0,
  unit: "billion USD",
  acceptedUnits: ["billion", "bn"],
});

export const numericThousand = parse("numeric", {
  key: "thousand",
  prompt: "How many?",
  explanation: "EXPLAIN-THOUSAND.",
  answer: 1000,
  tolerance: 0,
  unit: "",
});

export const short = parse("short", {
  key: "plaza-name",
  prompt: "Name the 1985 agreement to weaken the dollar.",
  explanation: "EXPLAIN-SHORT: it was signed at a New York hotel.",
  accepted: ["Plaza Accord", "Plaza Agreement", "Tōkyō Round"],
});

/** Five events in the correct order e1 … e5. */
export const ordering = parse("ordering", {
  key: "postwar-timeline",
  prompt: "Put these events in order, earliest first.",
  explanation: "EXPLAIN-ORDERING: occupation, treaty, Nixon shock, Plaza, SII.",
  items: [
    { id: "ev-occupation", text: "Occupation of Japan begins" },
    { id: "ev-treaty", text: "San Francisco Peace Treaty" },
    { id: "ev-nixon", text: "Nixon ends dollar convertibility" },
    { id: "ev-plaza", text: "Plaza Accord" },
    { id: "ev-sii", text: "Structural Impediments Initiative" },
  ],
});
export const [E1, E2, E3, E4, E5] = ordering.items.map((i) => i.id);

export const ordering3 = parse("ordering", {
  key: "three-events",
  prompt: "Order these three.",
  explanation: "EXPLAIN-ORDER3.",
  items: [
    { id: "first", text: "First" },
    { id: "second", text: "Second" },
    { id: "third", text: "Third" },
  ],
});

export const matching = parse("matching", {
  key: "accord-years",
  prompt: "Match each agreement to its year.",
  explanation: "EXPLAIN-MATCHING: Nixon 1971, Plaza 1985, Louvre 1987.",
  pairs: [
    { id: "pair-plaza", left: "Plaza Accord", right: "Signed in 1985" },
    { id: "pair-nixon", left: "Nixon shock", right: "Announced in 1971" },
    { id: "pair-louvre", left: "Louvre Accord", right: "Signed in 1987" },
  ],
  distractors: ["Signed in 1999"],
});

/** Left ids that are also Object.prototype property names. */
export const matchingPrototypeIds = parse("matching", {
  key: "proto-ids",
  prompt: "Match.",
  explanation: "Because.",
  pairs: [
    { id: "constructor", left: "L1", right: "R1" },
    { id: "tostring", left: "L2", right: "R2" },
    { id: "valueof", left: "L3", right: "R3" },
  ],
});

export const allQuestions: Question[] = [single, multiple, trueFalse, numericRate, short, ordering, matching];

// Per type, the key-bearing texts beyond the explanation and key; keyed by every type so a new one must declare its own.
const SECRETS: { [T in QuestionType]: (q: QuestionOf<T>) => string[] } = {
  single: (q) => q.options.flatMap((o) => [o.feedback ?? [], o.id].flat()),
  multiple: (q) => q.options.flatMap((o) => [o.feedback ?? [], o.id].flat()),
  truefalse: () => [],
  // An accepted spelling that is part of the visible unit or prompt ("yen" in "yen per dollar") is not a secret.
  numeric: (q) => [String(q.answer), ...q.acceptedUnits.filter((u) => !q.unit.includes(u) && !q.prompt.includes(u))],
  short: (q) => q.accepted,
  ordering: (q) => q.items.map((i) => i.id),
  matching: (q) => [...q.pairs.map((p) => p.id), "distractor:"],
};
const secretsOfType = <T extends QuestionType>(type: T): ((q: QuestionOf<T>) => string[]) => SECRETS[type];

/** Every text a learner must not see before the attempt is finished, per question. */
export function secretsOf(q: Question): string[] {
  return [...(q.explanation === undefined ? [] : [q.explanation]), q.key, ...secretsOfType(q.type)(q)];
}

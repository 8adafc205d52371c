// Owns the shape of authored content (lessons and question banks) and the invariants zod cannot express alone.
import { z } from "zod";

/** Article paragraph reference, e.g. "P4". The article has paragraphs P1–P7. */
export const ParagraphRefSchema = z.string().regex(/^P[1-7]$/, "must be an article paragraph P1–P7");
export type ParagraphRef = z.infer<typeof ParagraphRefSchema>;

/** A stable identifier authors type by hand: lowercase words joined by hyphens. */
export const SlugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase-words-with-hyphens");

export const DifficultySchema = z.enum(["easy", "medium", "hard"]);
export type Difficulty = z.infer<typeof DifficultySchema>;

export const QUESTION_TYPES = ["single", "multiple", "truefalse", "numeric", "short", "ordering", "matching"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** A public source for a fact that goes beyond the article. */
export const SourceSchema = z.object({
  id: SlugSchema,
  title: text(300),
  publisher: text(200),
  url: z.url().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

// ---------- Questions ----------

const QuestionBaseSchema = z.object({
  key: SlugSchema,
  difficulty: DifficultySchema,
  /** Id of the lesson section (in this topic's lesson) that teaches it. */
  section: SlugSchema,
  paragraphs: z.array(ParagraphRefSchema).min(1),
  prompt: text(1000),
  /** Why the key is right (and, for non-choice types, the usual wrong answers and why they are wrong). */
  explanation: text(2000),
  /** Ids of `sources` in the topic's lesson for facts beyond the article. */
  sources: z.array(SlugSchema).optional(),
  points: z.number().positive().max(10).default(1),
});

const ChoiceOptionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, "option id must be short lowercase"),
  text: text(400),
  correct: z.boolean().default(false),
  /** Why this option is right or wrong: shown after the attempt. */
  feedback: text(800),
});

export const SingleChoiceSchema = QuestionBaseSchema.extend({
  type: z.literal("single"),
  options: z.array(ChoiceOptionSchema).min(2).max(6),
});

export const MultipleResponseSchema = QuestionBaseSchema.extend({
  type: z.literal("multiple"),
  options: z.array(ChoiceOptionSchema).min(3).max(8),
});

export const TrueFalseSchema = QuestionBaseSchema.extend({
  type: z.literal("truefalse"),
  answer: z.boolean(),
});

export const NumericSchema = QuestionBaseSchema.extend({
  type: z.literal("numeric"),
  answer: z.number().finite(),
  /** Absolute tolerance: a response r is right when |r − answer| ≤ tolerance. */
  tolerance: z.number().min(0),
  /** Display unit, e.g. "yen per dollar" or "billion USD". Empty string for a plain number such as a year. */
  unit: z.string().max(40),
  /** Unit spellings a learner may type after the number (case-insensitive); the number alone is always accepted. */
  acceptedUnits: z.array(z.string().min(1).max(40)).default([]),
});

export const ShortTextSchema = QuestionBaseSchema.extend({
  type: z.literal("short"),
  /** Accepted answers; compared after normalising case, accents, whitespace and punctuation. */
  accepted: z.array(text(200)).min(1),
});

export const OrderingSchema = QuestionBaseSchema.extend({
  type: z.literal("ordering"),
  /** Items listed in the correct order; attempts shuffle them. */
  items: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,20}$/), text: text(300) }))
    .min(3)
    .max(8),
});

export const MatchingSchema = QuestionBaseSchema.extend({
  type: z.literal("matching"),
  /** Each left item matches exactly one right item. */
  pairs: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,20}$/),
        left: text(200),
        right: text(300),
      }),
    )
    .min(3)
    .max(8),
  /** Extra right-hand choices that match nothing (distractors). */
  distractors: z.array(text(300)).max(4).default([]),
});

export const QuestionSchema = z.discriminatedUnion("type", [
  SingleChoiceSchema,
  MultipleResponseSchema,
  TrueFalseSchema,
  NumericSchema,
  ShortTextSchema,
  OrderingSchema,
  MatchingSchema,
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const BankSchema = z.object({
  topic: SlugSchema,
  questions: z.array(QuestionSchema).min(1),
});
export type Bank = z.infer<typeof BankSchema>;

// ---------- Lessons ----------

/** Front matter of a lesson Markdown file. The body holds `## Title {#section-id}` sections. */
export const LessonFrontMatterSchema = z.object({
  topic: SlugSchema,
  order: z.number().int().min(1).max(50),
  title: text(120),
  summary: text(400),
  objectives: z.array(text(300)).min(2).max(8),
  keyTerms: z.array(z.object({ term: text(80), definition: text(400) })).min(3),
  timeline: z
    .array(
      z.object({
        /** ISO-ish date: "1985", "1985-09" or "1985-09-22". */
        date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
        event: text(300),
        paragraphs: z.array(ParagraphRefSchema).default([]),
        sources: z.array(SlugSchema).default([]),
      }),
    )
    .default([]),
  sources: z.array(SourceSchema).default([]),
});
export type LessonFrontMatter = z.infer<typeof LessonFrontMatterSchema>;

export const LessonSectionSchema = z.object({
  id: SlugSchema,
  title: text(120),
  paragraphs: z.array(ParagraphRefSchema).min(1),
  sources: z.array(SlugSchema).default([]),
  markdown: text(20000),
});
export type LessonSection = z.infer<typeof LessonSectionSchema>;

export type Lesson = LessonFrontMatter & { sections: LessonSection[] };

// ---------- Module (the course's ordered lessons and quizzes) ----------

export const QuizDefinitionSchema = z.object({
  slug: SlugSchema,
  title: text(120),
  kind: z.enum(["topic", "mixed", "fixed"]),
  topics: z.array(SlugSchema).min(1),
  /** For topic and mixed quizzes: how many questions to draw per attempt. */
  questionCount: z.number().int().min(1).max(50).default(8),
  /** For fixed quizzes: question keys in order. */
  questionKeys: z.array(SlugSchema).default([]),
});
export type QuizDefinition = z.infer<typeof QuizDefinitionSchema>;

export const ModuleSchema = z.object({
  title: text(120),
  summary: text(600),
  quizzes: z.array(QuizDefinitionSchema).min(1),
});
export type Module = z.infer<typeof ModuleSchema>;

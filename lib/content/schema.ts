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

/**
 * Bloom's level a question asks for. "remember" recalls a fact; "understand" explains or restates it; "apply" uses a
 * rule or reads a chart/table to get a result; "analyse" breaks a situation into causes or spots a flawed argument;
 * "evaluate" judges which explanation or claim is best supported.
 */
export const BLOOM_LEVELS = ["remember", "understand", "apply", "analyse", "evaluate"] as const;
export const BloomSchema = z.enum(BLOOM_LEVELS);
export type Bloom = z.infer<typeof BloomSchema>;
/** Levels counted in a topic's `applyShare`. */
export const APPLY_OR_ABOVE: ReadonlySet<Bloom> = new Set(["apply", "analyse", "evaluate"]);

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

/** A lesson source as shown to a learner beside a question's feedback (resolved by the loader, never authored). */
export const CitationSchema = z.object({ id: SlugSchema, title: text(300), publisher: text(200), url: z.string().nullable() });
export type Citation = z.infer<typeof CitationSchema>;

// The old field name: a question or timeline entry that still says `sources:` is refused with a clear message rather
// than silently losing its provenance.
const renamedSources = z.never({ error: 'renamed to "outsideSources" (ids of the lesson\'s sources)' }).optional();

// ---------- Questions ----------

const QuestionBaseSchema = z.object({
  key: SlugSchema,
  difficulty: DifficultySchema,
  /** Required for the course's content banks (BankSchema); optional in an instructor's bank (an imported question has none). */
  bloom: BloomSchema.optional(),
  /** Id of the lesson section (in this topic's lesson) that teaches it. */
  section: SlugSchema.optional(),
  /**
   * Provenance. `paragraphs`: only when the article itself states the fact asked about. `outsideSources`: ids of the
   * lesson's `sources` for facts the article does not state. A question has at least one of the two (consistency.ts).
   */
  paragraphs: z.array(ParagraphRefSchema).default([]),
  outsideSources: z.array(SlugSchema).default([]),
  sources: renamedSources,
  /** Filled in by the loader from `outsideSources` and the lesson, so a stored version carries its own citations. */
  citations: z.array(CitationSchema).optional(),
  prompt: text(1000),
  /** Why the key is right (and, for non-choice types, the usual wrong answers and why they are wrong). */
  explanation: text(2000).optional(),
  points: z.number().positive().max(10).default(1),
});

const ChoiceOptionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/, "option id must be short lowercase"),
  text: text(400),
  correct: z.boolean().default(false),
  /** Why this option is right or wrong: shown after the attempt. Required in content banks; an import may have none. */
  feedback: text(800).optional(),
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
  /**
   * The prompt asks for the size of a change (e.g. "by what percentage did it fall?"): a learner who writes the
   * change with its sign (−45.8) is also right. The grader then compares |value| with |answer|.
   */
  acceptMagnitude: z.boolean().default(false),
});

export const ShortTextSchema = QuestionBaseSchema.extend({
  type: z.literal("short"),
  /** Accepted answers; compared after normalising case, accents, whitespace and punctuation. */
  accepted: z.array(text(200)).min(1),
  /**
   * The lesson key term (its `term`, exactly as in the lesson's keyTerms) this question asks the learner to name.
   * content:check fails when the grader would refuse that term as the lesson prints it.
   */
  term: text(80).optional(),
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

/**
 * A content bank file (content/banks/*.yaml). The same question schema the bank editor and importers validate with,
 * plus what the course demands of its own questions: every one names the lesson section that teaches it and its
 * Bloom level (consistency.ts then checks the section exists and the provenance).
 */
export const BankSchema = z.object({
  topic: SlugSchema,
  questions: z.array(
    QuestionSchema.superRefine((q, ctx) => {
      if (q.section === undefined) ctx.addIssue({ code: "custom", path: ["section"], message: "a content question names its lesson section" });
      if (q.bloom === undefined) ctx.addIssue({ code: "custom", path: ["bloom"], message: "a content question names its Bloom level" });
      if (q.explanation === undefined)
        ctx.addIssue({ code: "custom", path: ["explanation"], message: "a content question explains its key" });
      if (q.type === "single" || q.type === "multiple")
        q.options.forEach((o, i) => {
          if (o.feedback === undefined)
            ctx.addIssue({ code: "custom", path: ["options", i, "feedback"], message: "a content question says why each option is right or wrong" });
        });
    }),
  ).min(1),
});
export type Bank = z.infer<typeof BankSchema>;

// ---------- Data sets and charts ----------

/** A data file in content/data/<id>.yaml: one real, cited public series (or a few columns of one source). */
export const DatasetSchema = z.object({
  title: text(200),
  source: text(400),
  url: z.url(),
  /** How and when the numbers were obtained (copied from the shared data pack's README). */
  retrieval: text(1000),
  caveats: z.array(text(600)).default([]),
  /** The x column first; every row has a value for each column (null where the source has none). */
  columns: z
    .array(z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), label: text(80), unit: z.string().max(60).default("") }))
    .min(2),
  rows: z.array(z.record(z.string(), z.number().nullable())).min(2),
});
export type Dataset = z.infer<typeof DatasetSchema>;

export const ChartSchema = z.object({
  id: SlugSchema,
  /** Id of a file in content/data (without .yaml). */
  data: SlugSchema,
  /** Lesson section the chart sits in. */
  section: SlugSchema,
  kind: z.enum(["line", "bar"]).default("line"),
  title: text(160),
  /** One sentence: what the learner should see in the chart. */
  takeaway: text(400),
  /** Column keys of the dataset drawn as series (the first dataset column is the x axis). */
  series: z.array(z.string()).min(1).max(4),
  xLabel: text(60),
  yLabel: text(80),
  /** Optional x range (inclusive) drawn from the dataset. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Events marked on the x axis, e.g. { at: "1985-09", label: "Plaza Accord" }. */
  annotations: z.array(z.object({ at: z.string().regex(/^\d{4}(-\d{2})?$/), label: text(60) })).default([]),
});
export type ChartDeclaration = z.infer<typeof ChartSchema>;
/** A chart with its data resolved by the loader, as stored with the lesson and drawn on /learn/[topic]. */
export type LessonChart = ChartDeclaration & { dataset: Dataset };

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
        /** As on questions: paragraphs only when the article states it, otherwise outsideSources. */
        paragraphs: z.array(ParagraphRefSchema).default([]),
        outsideSources: z.array(SlugSchema).default([]),
        sources: renamedSources,
      }),
    )
    .default([]),
  sources: z.array(SourceSchema).default([]),
  charts: z.array(ChartSchema).default([]),
  /** "Another view" boxes: a counter-view to the article's framing, each with at least one source id. */
  anotherView: z
    .array(z.object({ section: SlugSchema, title: text(120), text: text(1500), outsideSources: z.array(SlugSchema).min(1) }))
    .default([]),
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

/** A lesson as the loader resolves it and the database stores it (front matter, sections, charts with their data). */
export const LessonSchema = LessonFrontMatterSchema.omit({ charts: true }).extend({
  sections: z.array(LessonSectionSchema),
  charts: z.array(ChartSchema.extend({ dataset: DatasetSchema })),
});
export type Lesson = Omit<LessonFrontMatter, "charts"> & { sections: LessonSection[]; charts: LessonChart[] };

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

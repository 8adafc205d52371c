"use server";
// Owns the assignment entry points: instructors assign quizzes to a class, edit or delete them, and set per-student
// overrides and extra time.
//
// Dates come from <input type="datetime-local"> (wall-clock time, no zone). The form also sends `timezone`, the
// browser's IANA zone (e.g. "Asia/Tokyo"); the wall-clock time is read in that zone, daylight saving included. With no
// or an unknown zone (no JavaScript), times are read as UTC and the form says so.
import { isKnownTimeZone, wallTimeToInstant } from "@/lib/dates/wall-time";
import { z } from "zod";
import {
  ACCOMMODATION_MAX,
  ACCOMMODATION_MIN,
  ATTEMPTS_MAX,
  CUSTOM_QUIZ_MAX_QUESTIONS,
  EXTRA_ATTEMPTS_MAX,
  GRACE_DEFAULT_SECONDS,
  GRACE_MAX_SECONDS,
  QUIZ_TITLE_MAX,
  TIME_LIMIT_MAX_MINUTES,
} from "@/lib/quiz/limits";
import {
  GRADING_METHODS,
  NAVIGATIONS,
  REVIEW_TIMINGS,
  assignmentSettingsProblems,
  clearOverride,
  createAssignments,
  deleteAssignment,
  setAccommodation,
  setOverride,
  updateAssignment,
  type AssignmentSettings,
} from "@/lib/dal/assignments";
import { createCustomQuiz } from "@/lib/dal/custom-quizzes";
import { IdSchema as Id } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";
import { defineFormAction } from "./define";
import { formFields, formList, type ActionResult } from "./result";

const Zone = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v && isKnownTimeZone(v) ? v : "UTC"));

/** An optional datetime-local value; "" = none. Kept as text until the zone is known. */
const LocalDateTime = z
  .string()
  .trim()
  .max(25)
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v), "Enter a date and time.");

const optionalInt = (label: string, min: number, max: number, emptyMeans: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine(
      (v) => v === null || (Number.isInteger(v) && v >= min && v <= max),
      `${label} is a whole number from ${min} to ${max}, or ${emptyMeans}.`,
    );

const SettingsFields = z.object({
  timezone: Zone,
  openAt: LocalDateTime,
  dueAt: LocalDateTime,
  closeAt: LocalDateTime,
  timeLimitMinutes: optionalInt("The time limit", 1, TIME_LIMIT_MAX_MINUTES, "empty for none"),
  attemptsAllowed: optionalInt("Attempts allowed", 1, ATTEMPTS_MAX, "empty for unlimited"),
  gradingMethod: z.enum(GRADING_METHODS, "Choose a grading method."),
  reviewTiming: z.enum(REVIEW_TIMINGS, "Choose when students see answers."),
  navigation: z.enum(NAVIGATIONS, "Choose how students move between questions."),
  layout: z.enum(["all", "onePerPage"], "Choose a page layout."),
  graceSeconds: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : GRACE_DEFAULT_SECONDS))
    .refine(
      (v) => Number.isInteger(v) && v >= 0 && v <= GRACE_MAX_SECONDS,
      `The grace period is a whole number of seconds from 0 to ${GRACE_MAX_SECONDS}.`,
    ),
});

/** The settings fields → AssignmentSettings, with the cross-field rules (date order) reported on their fields. */
const Settings = SettingsFields.transform((f, ctx): AssignmentSettings => {
  const toDate = (v: string | null) => (v ? wallTimeToInstant(v, f.timezone) : null);
  const settings: AssignmentSettings = {
    openAt: toDate(f.openAt),
    dueAt: toDate(f.dueAt),
    closeAt: toDate(f.closeAt),
    timeLimitMinutes: f.timeLimitMinutes,
    attemptsAllowed: f.attemptsAllowed,
    gradingMethod: f.gradingMethod,
    reviewTiming: f.reviewTiming,
    navigation: f.navigation,
    onePerPage: f.layout === "onePerPage",
    graceSeconds: f.graceSeconds,
  };
  for (const key of ["openAt", "dueAt", "closeAt"] as const)
    if (f[key] && !settings[key]) ctx.addIssue({ code: "custom", path: [key], message: "That date does not exist." });
  for (const p of assignmentSettingsProblems(settings)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
  return settings;
});

const AssignModuleSchema = z.object({ classId: Id }).and(Settings);
const AssignQuizSchema = z.object({ classId: Id, quizId: Id }).and(Settings);
const UpdateAssignmentSchema = z.object({ assignmentId: Id }).and(Settings);
const AssignmentIdSchema = z.object({ assignmentId: Id });

const OverrideSchema = z
  .object({
    assignmentId: Id,
    studentId: Id,
    timezone: Zone,
    extraAttempts: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? Number(v) : 0))
      .refine(
        (v) => Number.isInteger(v) && v >= 0 && v <= EXTRA_ATTEMPTS_MAX,
        `Extra attempts is a whole number from 0 to ${EXTRA_ATTEMPTS_MAX}.`,
      ),
    dueAt: LocalDateTime,
    closeAt: LocalDateTime,
  })
  .transform((f, ctx) => {
    const dueAt = f.dueAt ? wallTimeToInstant(f.dueAt, f.timezone) : null;
    const closeAt = f.closeAt ? wallTimeToInstant(f.closeAt, f.timezone) : null;
    if (f.dueAt && !dueAt) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "That date does not exist." });
    if (f.closeAt && !closeAt) ctx.addIssue({ code: "custom", path: ["closeAt"], message: "That date does not exist." });
    return { assignmentId: f.assignmentId, studentId: f.studentId, override: { extraAttempts: f.extraAttempts, dueAt, closeAt } };
  });
const ClearOverrideSchema = z.object({ assignmentId: Id, studentId: Id });
const AccommodationSchema = z.object({
  classId: Id,
  studentId: Id,
  factor: z
    .string()
    .trim()
    .min(1, "Enter a factor, 1 for none.")
    .transform(Number)
    .refine(
      (v) => Number.isFinite(v) && v >= ACCOMMODATION_MIN && v <= ACCOMMODATION_MAX,
      `The factor is from ${ACCOMMODATION_MIN} to ${ACCOMMODATION_MAX} (1 = none, 1.5 = time and a half).`,
    ),
});

const classPath = (id: string) => `/teach/classes/${id}`;
/** Work on one class, for whoever teaches it (owner, co-instructor, an LTI instructor with no global role): per class, in the DAL. */
const teachesClass = { teaches: (input: { classId: string }) => ({ classId: input.classId }) };
const teachesAssignment = { teaches: (input: { assignmentId: string }) => ({ assignmentId: input.assignmentId }) };
/** The class's page, and students' dashboards, which show the dates and limits. */
/** The class's tabs are separate pages (app/teach/classes/[id]/*): an assignment change shows on each. */
const classTabs = (id: string) => ["", "/assignments", "/scores", "/students", "/settings"].map((tab) => classPath(id) + tab);
const classPages = (classId: string) => [...classTabs(classId), "/dashboard"];
const ofInputClass = { revalidate: ({ classId }: { classId: string }) => classPages(classId) };
/** The DAL answers with the class it changed: revalidated, and not sent back (the form needs nothing). */
const ofChangedClass = { revalidate: (_input: unknown, { classId }: { classId: string }) => classPages(classId), respond: () => undefined };

export type AssignedResult = ActionResult<{ created: number; skipped: number }>;

export const assignModuleAction = defineFormAction(
  { ...teachesClass, schema: AssignModuleSchema },
  ({ classId, ...settings }, viewer) => createAssignments(viewer, classId, { kind: "module" }, settings),
  ofInputClass,
);

export const assignQuizAction = defineFormAction(
  { ...teachesClass, schema: AssignQuizSchema },
  ({ classId, quizId, ...settings }, viewer) => createAssignments(viewer, classId, { kind: "quiz", quizId }, settings),
  ofInputClass,
);

export const updateAssignmentAction = defineFormAction(
  { ...teachesAssignment, schema: UpdateAssignmentSchema },
  ({ assignmentId, ...settings }, viewer) => updateAssignment(viewer, assignmentId, settings),
  ofChangedClass,
);

export const deleteAssignmentAction = defineFormAction(
  { ...teachesAssignment, schema: AssignmentIdSchema },
  ({ assignmentId }, viewer) => deleteAssignment(viewer, assignmentId),
  ofChangedClass,
);

export const setOverrideAction = defineFormAction(
  { ...teachesAssignment, schema: OverrideSchema },
  ({ assignmentId, studentId, override }, viewer) => setOverride(viewer, assignmentId, studentId, override),
  ofChangedClass,
);

export const clearOverrideAction = defineFormAction(
  { ...teachesAssignment, schema: ClearOverrideSchema },
  ({ assignmentId, studentId }, viewer) => clearOverride(viewer, assignmentId, studentId),
  ofChangedClass,
);

export const setAccommodationAction = defineFormAction(
  { ...teachesClass, schema: AccommodationSchema },
  ({ classId, studentId, factor }, viewer) => setAccommodation(viewer, classId, studentId, factor),
  ofInputClass,
);

const CustomQuizSchema = z.object({
  classId: Id,
  title: safeText().trim().min(1, "Give the quiz a title.").max(QUIZ_TITLE_MAX, `Use at most ${QUIZ_TITLE_MAX} characters.`),
  topics: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/, "Not a topic.")).max(20),
  questionCount: z.coerce
    .number()
    .int("Whole numbers only.")
    .min(1, "At least 1.")
    .max(CUSTOM_QUIZ_MAX_QUESTIONS, `At most ${CUSTOM_QUIZ_MAX_QUESTIONS}.`),
  /** Optional fixed list: keys separated by commas, spaces or new lines. */
  questionKeys: safeText({ multiline: true }).max(3000, "That list is too long.").default(""),
});

/** Makes a quiz for this class only (drawn from chosen topics, or a fixed list of question keys); assign it afterwards. */
export const createCustomQuizAction = defineFormAction(
  { ...teachesClass, schema: CustomQuizSchema, fields: (form) => ({ ...formFields(form), topics: formList(form, "topics") }) },
  ({ classId, title, topics, questionCount, questionKeys }, viewer) =>
    createCustomQuiz(viewer, classId, { title, topics, questionCount, questionKeys: questionKeys.split(/[\s,]+/).filter(Boolean) }),
  // Only the class's page lists its quizzes; nothing is assigned yet.
  { revalidate: ({ classId }) => classTabs(classId) },
);

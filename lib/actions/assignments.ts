"use server";
// Owns the assignment entry points: instructors assign quizzes to a class, edit or delete them, and set per-student
// overrides and extra time.
//
// Dates come from <input type="datetime-local"> (wall-clock time, no zone). The form also sends `timezone`, the
// browser's IANA zone (e.g. "Asia/Tokyo"); the wall-clock time is read in that zone, daylight saving included. With no
// or an unknown zone (no JavaScript), times are read as UTC and the form says so.
import { revalidatePath } from "next/cache";
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
import { requireViewer, type Viewer } from "@/lib/dal/viewer";
import { safeText } from "@/lib/validation/text";
import { failure, formFields, formList, invalid, type ActionResult } from "./result";

const Id = z.string().trim().min(1, "Missing id.").max(40, "That id is too long.").regex(/^[A-Za-z0-9_-]+$/, "That id is not valid.");

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
    .refine((v) => v === null || (Number.isInteger(v) && v >= min && v <= max), `${label} is a whole number from ${min} to ${max}, or ${emptyMeans}.`);

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
    .refine((v) => Number.isInteger(v) && v >= 0 && v <= GRACE_MAX_SECONDS, `The grace period is a whole number of seconds from 0 to ${GRACE_MAX_SECONDS}.`),
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
      .refine((v) => Number.isInteger(v) && v >= 0 && v <= EXTRA_ATTEMPTS_MAX, `Extra attempts is a whole number from 0 to ${EXTRA_ATTEMPTS_MAX}.`),
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

type Authorized = { ok: true; viewer: Viewer } | { ok: false; result: ActionResult<never> };

async function authorize(): Promise<Authorized> {
  try {
    return { ok: true, viewer: await requireViewer("INSTRUCTOR") };
  } catch (error) {
    return { ok: false, result: failure(error) };
  }
}

const classPath = (id: string) => `/teach/classes/${id}`;

function revalidateClass(classId: string): void {
  revalidatePath(classPath(classId));
  // Students' dashboards show the dates and limits.
  revalidatePath("/dashboard");
}

export type AssignedResult = ActionResult<{ created: number; skipped: number }>;

export async function assignModuleAction(_prev: AssignedResult | null, form: FormData): Promise<AssignedResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = AssignModuleSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId, ...settings } = parsed.data;
    const data = await createAssignments(auth.viewer, classId, { kind: "module" }, settings);
    revalidateClass(classId);
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

export async function assignQuizAction(_prev: AssignedResult | null, form: FormData): Promise<AssignedResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = AssignQuizSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId, quizId, ...settings } = parsed.data;
    const data = await createAssignments(auth.viewer, classId, { kind: "quiz", quizId }, settings);
    revalidateClass(classId);
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

export async function updateAssignmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = UpdateAssignmentSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { assignmentId, ...settings } = parsed.data;
    const { classId } = await updateAssignment(auth.viewer, assignmentId, settings);
    revalidateClass(classId);
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteAssignmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = AssignmentIdSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId } = await deleteAssignment(auth.viewer, parsed.data.assignmentId);
    revalidateClass(classId);
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function setOverrideAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = OverrideSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId } = await setOverride(auth.viewer, parsed.data.assignmentId, parsed.data.studentId, parsed.data.override);
    revalidateClass(classId);
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function clearOverrideAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = ClearOverrideSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId } = await clearOverride(auth.viewer, parsed.data.assignmentId, parsed.data.studentId);
    revalidateClass(classId);
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function setAccommodationAction(
  _prev: ActionResult<{ factor: number }> | null,
  form: FormData,
): Promise<ActionResult<{ factor: number }>> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = AccommodationSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const data = await setAccommodation(auth.viewer, parsed.data.classId, parsed.data.studentId, parsed.data.factor);
    revalidateClass(parsed.data.classId);
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

const CustomQuizSchema = z.object({
  classId: Id,
  title: safeText().trim().min(1, "Give the quiz a title.").max(QUIZ_TITLE_MAX, `Use at most ${QUIZ_TITLE_MAX} characters.`),
  topics: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/, "Not a topic.")).max(20),
  questionCount: z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(CUSTOM_QUIZ_MAX_QUESTIONS, `At most ${CUSTOM_QUIZ_MAX_QUESTIONS}.`),
  /** Optional fixed list: keys separated by commas, spaces or new lines. */
  questionKeys: safeText({ multiline: true }).max(3000, "That list is too long.").default(""),
});

/** Makes a quiz for this class only (drawn from chosen topics, or a fixed list of question keys); assign it afterwards. */
export async function createCustomQuizAction(
  _prev: ActionResult<{ quizId: string; title: string }> | null,
  form: FormData,
): Promise<ActionResult<{ quizId: string; title: string }>> {
  const auth = await authorize();
  if (!auth.ok) return auth.result;
  const parsed = CustomQuizSchema.safeParse({
    ...formFields(form),
    topics: formList(form, "topics"),
  });
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { classId, title, topics, questionCount, questionKeys } = parsed.data;
    const data = await createCustomQuiz(auth.viewer, classId, {
      title,
      topics,
      questionCount,
      questionKeys: questionKeys.split(/[\s,]+/).filter(Boolean),
    });
    revalidatePath(classPath(classId));
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

"use server";
// Owns the class entry points: instructors manage classes, rosters and join codes; learners join and leave.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { CLASS_NAME_MAX, CLASS_TERM_MAX } from "@/lib/quiz/limits";
import {
  addCoInstructor,
  createClass,
  joinClassByCode,
  leaveClass,
  regenerateJoinCode,
  removeStudent,
  setJoinEnabled,
} from "@/lib/dal/classes";
import { requireViewer, type Viewer } from "@/lib/dal/viewer";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { failure, formFields, invalid, type ActionResult } from "./result";

// cuid-ish: what Prisma's cuid() produces, and never more than 40 characters.
const Id = z.string().trim().min(1, "Missing id.").max(40, "That id is too long.").regex(/^[A-Za-z0-9_-]+$/, "That id is not valid.");

const CreateClassSchema = z.object({
  name: safeText().trim().min(1, "Give the class a name.").max(CLASS_NAME_MAX, `Use at most ${CLASS_NAME_MAX} characters.`),
  term: safeText().trim().max(CLASS_TERM_MAX, `Use at most ${CLASS_TERM_MAX} characters.`).default(""),
});
const ClassIdSchema = z.object({ classId: Id });
const SetJoinEnabledSchema = z.object({ classId: Id, enabled: z.enum(["true", "false"]).transform((v) => v === "true") });
const RemoveStudentSchema = z.object({ classId: Id, studentId: Id });
const AddCoInstructorSchema = z.object({
  classId: Id,
  email: refineSafeText(z.email("Enter a valid email address.").max(254, "That email address is too long.")),
});
const JoinClassSchema = z.object({
  code: safeText().trim().min(1, "Enter the join code.").max(40, "That code is too long to be a join code."),
});

type Authorized = { ok: true; viewer: Viewer } | { ok: false; result: ActionResult<never> };

async function authorize(role: "LEARNER" | "INSTRUCTOR"): Promise<Authorized> {
  try {
    return { ok: true, viewer: await requireViewer(role) };
  } catch (error) {
    return { ok: false, result: failure(error) };
  }
}

const classPath = (id: string) => `/teach/classes/${id}`;

/** Creates the class and opens its page. */
export async function createClassAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize("INSTRUCTOR");
  if (!auth.ok) return auth.result;
  const parsed = CreateClassSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  let id: string;
  try {
    id = (await createClass(auth.viewer, parsed.data)).id;
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/teach");
  redirect(classPath(id));
}

export async function regenerateJoinCodeAction(
  _prev: ActionResult<{ joinCode: string }> | null,
  form: FormData,
): Promise<ActionResult<{ joinCode: string }>> {
  const auth = await authorize("INSTRUCTOR");
  if (!auth.ok) return auth.result;
  const parsed = ClassIdSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const data = await regenerateJoinCode(auth.viewer, parsed.data.classId);
    revalidatePath(classPath(parsed.data.classId));
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

export async function setJoinEnabledAction(
  _prev: ActionResult<{ joinEnabled: boolean }> | null,
  form: FormData,
): Promise<ActionResult<{ joinEnabled: boolean }>> {
  const auth = await authorize("INSTRUCTOR");
  if (!auth.ok) return auth.result;
  const parsed = SetJoinEnabledSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const data = await setJoinEnabled(auth.viewer, parsed.data.classId, parsed.data.enabled);
    revalidatePath(classPath(parsed.data.classId));
    return { ok: true, data };
  } catch (error) {
    return failure(error);
  }
}

export async function removeStudentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize("INSTRUCTOR");
  if (!auth.ok) return auth.result;
  const parsed = RemoveStudentSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await removeStudent(auth.viewer, parsed.data.classId, parsed.data.studentId);
    revalidatePath(classPath(parsed.data.classId));
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function addCoInstructorAction(
  _prev: ActionResult<{ name: string }> | null,
  form: FormData,
): Promise<ActionResult<{ name: string }>> {
  const auth = await authorize("INSTRUCTOR");
  if (!auth.ok) return auth.result;
  const parsed = AddCoInstructorSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const added = await addCoInstructor(auth.viewer, parsed.data.classId, parsed.data.email);
    revalidatePath(classPath(parsed.data.classId));
    return { ok: true, data: { name: added.name } };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Joins by code (from the dashboard's box or a join link) and returns the dashboard URL that confirms it, for the page
 * to open. No revalidatePath: re-rendering the join page here would replace the form with "you are already in this
 * class" before the learner reads the confirmation; the dashboard renders fresh on every request anyway.
 */
export async function joinClassAction(
  _prev: ActionResult<{ classId: string; name: string; url: string }> | null,
  form: FormData,
): Promise<ActionResult<{ classId: string; name: string; url: string }>> {
  const auth = await authorize("LEARNER");
  if (!auth.ok) return auth.result;
  const parsed = JoinClassSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const joined = await joinClassByCode(auth.viewer, parsed.data.code);
    return { ok: true, data: { ...joined, url: `/dashboard?joined=${encodeURIComponent(joined.classId)}#joined` } };
  } catch (error) {
    return failure(error);
  }
}

export async function leaveClassAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorize("LEARNER");
  if (!auth.ok) return auth.result;
  const parsed = ClassIdSchema.safeParse(formFields(form));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await leaveClass(auth.viewer, parsed.data.classId);
    revalidatePath("/dashboard");
    return { ok: true, data: undefined };
  } catch (error) {
    return failure(error);
  }
}

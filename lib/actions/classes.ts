"use server";
// Owns the class entry points: instructors manage classes, rosters and join codes; learners join and leave.
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
import { IdSchema as Id } from "@/lib/validation/ids";
import { refineSafeText, safeText } from "@/lib/validation/text";
import { defineFormAction } from "./define";

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

const classPath = (id: string) => `/teach/classes/${id}`;

/** Creating a class stays with accounts that hold the global instructor role (an LTI instructor's classes come from launches). */
const instructor = { role: "INSTRUCTOR" } as const;
/** Work on one class: for whoever teaches it (owner, co-instructor, an LTI instructor), checked per class in the DAL. */
const teachesClass = { teaches: (input: { classId: string }) => ({ classId: input.classId }) };
/** Instructors see the change on the class's page; learners on their dashboard. */
/** The class's tabs are separate pages (app/teach/classes/[id]/*): a change to the class shows on each. */
const classTabs = (id: string) => ["", "/assignments", "/scores", "/students", "/settings"].map((tab) => classPath(id) + tab);
const classPage = { revalidate: ({ classId }: { classId: string }) => classTabs(classId) };
const dashboard = { revalidate: () => ["/dashboard"] };

/** Creates the class and opens its page. */
export const createClassAction = defineFormAction(
  { ...instructor, schema: CreateClassSchema },
  (input, viewer) => createClass(viewer, input),
  {
    revalidate: () => ["/teach"],
    navigate: (_input, created) => redirect(classPath(created.id)),
    respond: () => undefined,
  },
);

export const regenerateJoinCodeAction = defineFormAction(
  { ...teachesClass, schema: ClassIdSchema },
  ({ classId }, viewer) => regenerateJoinCode(viewer, classId),
  classPage,
);

export const setJoinEnabledAction = defineFormAction(
  { ...teachesClass, schema: SetJoinEnabledSchema },
  ({ classId, enabled }, viewer) => setJoinEnabled(viewer, classId, enabled),
  classPage,
);

export const removeStudentAction = defineFormAction(
  { ...teachesClass, schema: RemoveStudentSchema },
  ({ classId, studentId }, viewer) => removeStudent(viewer, classId, studentId),
  classPage,
);

export const addCoInstructorAction = defineFormAction(
  { ...teachesClass, schema: AddCoInstructorSchema },
  async ({ classId, email }, viewer) => ({ name: (await addCoInstructor(viewer, classId, email)).name }),
  classPage,
);

/**
 * Joins by code (from the dashboard's box or a join link) and returns the dashboard URL that confirms it, for the page
 * to open. No revalidation: re-rendering the join page here would replace the form with "you are already in this
 * class" before the learner reads the confirmation; the dashboard renders fresh on every request anyway.
 */
export const joinClassAction = defineFormAction({ schema: JoinClassSchema }, async ({ code }, viewer) => {
  const joined = await joinClassByCode(viewer, code);
  return { ...joined, url: `/dashboard?joined=${encodeURIComponent(joined.classId)}#joined` };
});

export const leaveClassAction = defineFormAction(
  { schema: ClassIdSchema },
  ({ classId }, viewer) => leaveClass(viewer, classId),
  dashboard,
);

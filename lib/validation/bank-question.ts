// Owns what the bank editor accepts as a question: the content loader's QuestionSchema, the type's keyProblems and
// our text rules, every problem placed on the field it is about (paths as the editor names its fields).
import { z } from "zod";
import { markdownImageProblems } from "@/lib/content/render";
import { QuestionSchema, type Question } from "@/lib/content/schema";
import { questionType } from "@/lib/question-types/registry";
import { unsafeTextProblem } from "./text";

/** keyProblems say `field "options": …`; anything else is about the question as a whole. */
function keyProblemPath(problem: string): { path: string[]; message: string } {
  const m = /^field "([a-zA-Z]+)": (.*)$/.exec(problem);
  return m ? { path: [m[1]!], message: m[2]! } : { path: ["prompt"], message: problem };
}

/** Every string inside `value` with a character we refuse (a NUL would make PostgreSQL reject the row). */
export function unsafeStrings(value: unknown, path: (string | number)[] = [], out: { path: (string | number)[]; message: string }[] = []) {
  if (typeof value === "string") {
    const problem = unsafeTextProblem(value, { multiline: true });
    if (problem) out.push({ path, message: problem });
  } else if (Array.isArray(value)) value.forEach((v, i) => unsafeStrings(v, [...path, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) unsafeStrings(v, [...path, k], out);
  return out;
}

/** A question as the editor saves it: QuestionSchema, then the type's own authoring checks. */
export const EditedQuestionSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const p of unsafeStrings(value)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  })
  .pipe(QuestionSchema)
  .superRefine((q: Question, ctx) => {
    for (const problem of questionType(q.type).keyProblems(q as never)) {
      const { path, message } = keyProblemPath(problem);
      ctx.addIssue({ code: "custom", path, message });
    }
    for (const message of markdownImageProblems(q.prompt)) ctx.addIssue({ code: "custom", path: ["prompt"], message });
    if (q.explanation)
      for (const message of markdownImageProblems(q.explanation)) ctx.addIssue({ code: "custom", path: ["explanation"], message });
  });

export const BANK_NAME_MAX = 80;

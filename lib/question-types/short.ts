// Owns the short-text question type: a typed word or phrase compared with normalised accepted answers.
import { ShortTextSchema } from "../content/schema";
import { normaliseText } from "../content/normalise";
import { gradeShort } from "../grading/short";
import type { QuestionTypeDefinition } from "./definition";
import { describeText, noParts } from "./text-answer";

export const shortText: QuestionTypeDefinition<"short"> = {
  type: "short",
  label: "Short text",
  description: "Type a word or phrase; case, accents, plurals and small slips in long answers are forgiven.",
  schema: ShortTextSchema,
  emptyResponse: { type: "short", text: "" },
  grade: gradeShort,
  keyProblems: (q) =>
    q.accepted.map(normaliseText).some((n) => n.length === 0) ? [`field "accepted": an accepted answer is empty after normalising`] : [],
  ...noParts,
  toClient: ({ prompt, points }) => ({ type: "short", prompt, points }),
  describeResponse: describeText,
  describeKey: (q) => [q.accepted.join(" / ")],
};

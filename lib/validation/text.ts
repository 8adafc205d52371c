// Owns which characters we accept in text from outside (forms, action arguments): one refinement for every text field.
import { z } from "zod";

/**
 * Refused everywhere: C0 controls (U+0000–U+001F) but tab, LF and CR (forms send CRLF) where multi-line text is allowed, DEL and the
 * C1 controls (U+007F–U+009F), lone UTF-16 surrogates (not text; they turn into U+FFFD on the way to the database),
 * and the noncharacters U+FFFE/U+FFFF. A NUL in particular makes PostgreSQL reject the whole statement.
 */
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MULTI_LINE_BAD =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextOptions = { multiline?: boolean };

/** The sentence to show when `value` holds a character we refuse, or null when it is clean. */
export function unsafeTextProblem(value: string, { multiline = false }: TextOptions = {}): string | null {
  if (!(multiline ? MULTI_LINE_BAD : SINGLE_LINE_BAD).test(value)) return null;
  return multiline
    ? "Remove the invisible control characters from this text (only line breaks and tabs are allowed)."
    : "Remove the invisible control characters (such as line breaks) from this text.";
}

/** Adds the refinement to any string schema (including z.email()), as the first check so it sees the raw input. */
export function refineSafeText<T extends z.ZodType<string>>(schema: T, options: TextOptions = {}): T {
  return schema.superRefine((value, ctx) => {
    const problem = unsafeTextProblem(value, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A string with no refused characters; chain .trim()/.min()/.max() as usual. */
export function safeText(options: TextOptions = {}): z.ZodString {
  return refineSafeText(z.string(), options);
}

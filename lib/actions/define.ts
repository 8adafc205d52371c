// Owns the one shape of a server action, so every action checks in the same order and fails the same way:
// session (signed_out) → role (forbidden) → rate limit → input (invalid, with field errors) → the class it acts on
// (not_found unless the viewer teaches it) → DAL handler → known errors as coded failures → revalidate → ActionResult. Each action in lib/actions/*.ts is one defineAction call:
// defineAction({ role, schema }, handler, { revalidate }), read in the order it runs. (Autosave alone is defineClaimsAction:
// the same steps, with the session checked inside its write.)
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { RequestLimit } from "@/lib/auth/request-limits";
import { assertTeachesClassOf, type ClassRef } from "@/lib/dal/scopes";
import { requireClaimedViewer, requireViewer, type ClaimedViewer, type Viewer } from "@/lib/dal/viewer";
import { rateLimited } from "./rate-limited";
import { failure, formFields, invalid, type ActionResult } from "./result";

/** A path whose cached render the action changed: a page path, or a layout and everything under it. */
export type Revalidation = string | { path: string; type: "layout" | "page" };

/** What is checked before the handler runs, in this order. */
export type ActionSpec<S extends z.ZodType> = {
  /**
   * Who may call it: any signed-in account (the default) or instructors (admins included). Work on one class asks for
   * `teaches` instead: an instructor from an LTI launch has no global role, only the class they were launched into.
   */
  role?: "LEARNER" | "INSTRUCTOR";
  /** Counted per viewer before the input is read: a caller over the limit gets `rate_limited` and nothing else. */
  limit?: RequestLimit;
  /** The input's shape; the handler only ever sees what it parsed to. */
  schema: S;
  /**
   * The class (or the assignment of the class) the parsed input acts on: the action runs only for someone who teaches
   * that class (a ClassInstructor row, the DAL's `taughtBy` scope), and anyone else gets the class's "not found".
   */
  teaches?: (input: z.output<S>) => ClassRef;
  /** The sentence beside the field errors when the input does not parse (default: check the highlighted fields). */
  invalidMessage?: string;
};

/** The work itself: a DAL call (scoped by the viewer) on parsed input. A thrown UserError/NotFoundError/ActionRefusal is the answer. */
export type ActionHandler<S extends z.ZodType, T> = (input: z.output<S>, viewer: Viewer) => Promise<T>;

/** What follows a handler that succeeded, in this order. Written after the handler, so `data` has the handler's type. */
export type ActionAfter<S extends z.ZodType, T> = {
  /** The paths whose render this write changes, from the parsed input and the handler's result. */
  revalidate?: (input: z.output<S>, data: T) => readonly Revalidation[];
  /**
   * Runs last, outside the error mapping, because `redirect()` and `signOut()` finish by throwing. If it returns, the
   * action answers `{ ok: true, data }`.
   */
  navigate?: (input: z.output<S>, data: T) => unknown;
};

/** What the caller gets of the handler's result when not all of it (e.g. nothing of the class id used to revalidate). */
type Responding<T, R> = { respond: (data: T) => R };

/** For actions that take no input at all: whatever arrives is ignored. */
export const NoInput = z.unknown().transform(() => undefined);

/** The handler behind the class check: only someone who teaches the class the input names gets to run it. */
function checkingTeaches<S extends z.ZodType, T>(spec: ActionSpec<S>, handler: ActionHandler<S, T>): ActionHandler<S, T> {
  const teaches = spec.teaches;
  if (!teaches) return handler;
  return async (input, viewer) => {
    await assertTeachesClassOf(viewer, teaches(input));
    return handler(input, viewer);
  };
}

async function run<S extends z.ZodType, T, R, V extends { id: string }>(
  spec: ActionSpec<S>,
  handler: (input: z.output<S>, viewer: V) => Promise<T>,
  after: ActionAfter<S, T> & Partial<Responding<T, R>>,
  raw: () => unknown,
  who: () => Promise<V>,
): Promise<ActionResult<T | R>> {
  let done: { input: z.output<S>; data: T };
  try {
    const viewer = await who();
    if (spec.limit) {
      const limited = await rateLimited(spec.limit, viewer.id);
      if (limited) return limited;
    }
    const parsed = spec.schema.safeParse(raw());
    if (!parsed.success) return invalid(parsed.error, spec.invalidMessage);
    const data = await handler(parsed.data, viewer);
    for (const r of after.revalidate?.(parsed.data, data) ?? []) {
      if (typeof r === "string") revalidatePath(r);
      else revalidatePath(r.path, r.type);
    }
    done = { input: parsed.data, data };
  } catch (error) {
    return failure(error);
  }
  if (after.navigate) await after.navigate(done.input, done.data);
  return { ok: true, data: after.respond ? after.respond(done.data) : done.data };
}

/** An action called from client code with one argument (any value: it is parsed, never trusted). */
export function defineAction<S extends z.ZodType, T, R>(
  spec: ActionSpec<S>,
  handler: ActionHandler<S, T>,
  after: ActionAfter<S, T> & Responding<T, R>,
): (input: unknown) => Promise<ActionResult<R>>;
export function defineAction<S extends z.ZodType, T>(
  spec: ActionSpec<S>,
  handler: ActionHandler<S, T>,
  after?: ActionAfter<S, T>,
): (input: unknown) => Promise<ActionResult<T>>;
export function defineAction<S extends z.ZodType, T, R>(
  spec: ActionSpec<S>,
  handler: ActionHandler<S, T>,
  after: ActionAfter<S, T> & Partial<Responding<T, R>> = {},
): (input: unknown) => Promise<ActionResult<T | R>> {
  return async (input: unknown) =>
    run(
      spec,
      checkingTeaches(spec, handler),
      after,
      () => input,
      () => requireViewer(spec.role),
    );
}

/**
 * An action whose handler checks the session in its own write (see ClaimedViewer in lib/dal/viewer-rules.ts): it gets
 * the cookie's claim unchecked, so the request costs one statement fewer. Only autosave, the request an exam sends
 * most, is worth that; it takes any signed-in account, so there is no role, limit or class to check first.
 */
export function defineClaimsAction<S extends z.ZodType, T>(
  spec: Pick<ActionSpec<S>, "schema" | "invalidMessage">,
  handler: (input: z.output<S>, viewer: ClaimedViewer) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input: unknown) => run(spec, handler, {}, () => input, requireClaimedViewer);
}

type FormSpec<S extends z.ZodType> = ActionSpec<S> & {
  /** What the schema reads of the form: by default its fields as strings (`formFields`). */
  fields?: (form: unknown) => unknown;
};

/** A form action for `useActionState`: (previous result, form data). */
export function defineFormAction<S extends z.ZodType, T, R>(
  spec: FormSpec<S>,
  handler: ActionHandler<S, T>,
  after: ActionAfter<S, T> & Responding<T, R>,
): (prev: ActionResult<R> | null, form: FormData) => Promise<ActionResult<R>>;
export function defineFormAction<S extends z.ZodType, T>(
  spec: FormSpec<S>,
  handler: ActionHandler<S, T>,
  after?: ActionAfter<S, T>,
): (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
export function defineFormAction<S extends z.ZodType, T, R>(
  spec: FormSpec<S>,
  handler: ActionHandler<S, T>,
  after: ActionAfter<S, T> & Partial<Responding<T, R>> = {},
): (prev: ActionResult<T | R> | null, form: FormData) => Promise<ActionResult<T | R>> {
  const read = spec.fields ?? formFields;
  return async (_prev: ActionResult<T | R> | null, form: FormData) =>
    run(
      spec,
      checkingTeaches(spec, handler),
      after,
      () => read(form),
      () => requireViewer(spec.role),
    );
}

// The one place tests build form posts and read Next's control-flow throws (redirect(), notFound()) by their digest.

/** FormData as a browser posts it; an array value becomes repeated fields (checkbox groups). */
export function fd(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  return form;
}

export type Settled =
  { kind: "value"; value: unknown } | { kind: "redirect"; url: string } | { kind: "not-found" } | { kind: "error"; error: unknown };

const digestOf = (error: unknown) => String((error as { digest?: unknown } | null)?.digest ?? "");

/** Whether `error` is Next's redirect()/notFound() control flow rather than a failure. */
export const isNextControlFlow = (error: unknown): boolean => digestOf(error).startsWith("NEXT_");

/** Runs an action or page function, classifying Next's control-flow throws (redirect, notFound) by their digest. */
export async function settle(run: () => Promise<unknown>): Promise<Settled> {
  try {
    return { kind: "value", value: await run() };
  } catch (error) {
    const digest = digestOf(error);
    if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", url: digest.split(";")[2] ?? "" };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not-found" };
    return { kind: "error", error };
  }
}

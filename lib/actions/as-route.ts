// Owns serving an action over a plain JSON route handler, for the one request a class sends thousands of times: the
// autosave. A server action carries the framework's action machinery (locating the page's action, decoding a React
// reply, encoding the result as an RSC stream) on every call; a route handler reads JSON and writes JSON. The action
// itself (defineAction: session → role → limit → zod → DAL → coded failure) is the same function, called directly.
import "server-only";
import type { ActionFailure, ActionResult } from "./result-shape";

/** Statuses that say the same as the code, so proxies, logs and load tools see overload as overload. */
const STATUS: Partial<Record<ActionFailure["code"], number>> = {
  invalid: 400,
  signed_out: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  overloaded: 503,
  internal: 500,
};

/** The action's result as JSON, with an HTTP status for its code and Retry-After when the caller should wait. */
export function actionResultResponse(result: ActionResult<unknown>): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (!result.ok && result.retryAfterSeconds !== undefined)
    headers["Retry-After"] = String(Math.max(1, Math.ceil(result.retryAfterSeconds)));
  // A refusal the learner must read (closed, time up, navigation) is an answer, not an error of the request: 409.
  const status = result.ok ? 200 : (STATUS[result.code] ?? 409);
  return Response.json(result, { status, headers });
}

const refuse = (status: number, error: string): Response =>
  Response.json({ ok: false, code: "invalid", error } satisfies ActionFailure, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The request's JSON body, or the response that refuses it. Refused: a cross-site request (the session cookie rides
 * along on any POST, so the Origin must be ours, as Next checks for server actions), a body that is not declared
 * JSON (a cross-site form can send text/plain without a preflight), one over `maxBytes` (by Content-Length, and
 * again while reading, since the header can lie or be absent), and malformed JSON.
 */
export async function readJsonRequest(request: Request, maxBytes: number): Promise<{ body: unknown } | { refused: Response }> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || safeHost(origin) !== host) return { refused: refuse(403, "This request did not come from this site's pages.") };
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
    return { refused: refuse(415, "Send the answer as JSON.") };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { refused: refuse(413, "That answer is too large to save.") };
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { refused: refuse(413, "That answer is too large to save.") };
      }
      chunks.push(value);
    }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown };
  } catch {
    return { refused: refuse(400, "That answer could not be read; it was not saved.") };
  }
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

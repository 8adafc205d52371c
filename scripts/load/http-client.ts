// Owns talking to a running Koza over HTTP the way a browser does: cookies, next-auth sign-in, server actions, RSC pages.
import { readFileSync } from "node:fs";
import path from "node:path";

/** One HTTP exchange as the harness records it. */
export type Exchange = { status: number; headers: Headers; body: Buffer; ms: number };

/** A request that never produced an HTTP response (refused, reset, timed out). */
export class TransportError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Milliseconds before a single request is given up on. A browser's fetch (and so a server action) has no timeout of
 * its own; a shorter one here would turn a slow server into retries the page would not make.
 */
export const REQUEST_TIMEOUT_MS = 300_000;

/** The cookies of one browser (one student), by name; next-auth may split its session cookie into chunks. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** A cookie the browser already holds (a session minted for a student who signed in before the exam). */
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(prefix: string): boolean {
    return [...this.cookies.keys()].some((k) => k.startsWith(prefix));
  }
}

export async function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | FormData | URLSearchParams; jar?: CookieJar },
): Promise<Exchange> {
  const headers: Record<string, string> = { ...init.headers };
  const cookie = init.jar?.header();
  if (cookie) headers.cookie = cookie;
  const started = performance.now();
  let res: Response;
  let body: Buffer;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers,
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    body = Buffer.from(await res.arrayBuffer());
  } catch (error) {
    throw transportError(error);
  }
  init.jar?.take(res.headers);
  return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
}

function transportError(error: unknown): TransportError {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new TransportError("timeout", "no response in time");
  const code = e?.cause?.code ?? e?.name ?? "fetch_failed";
  return new TransportError(code, e?.cause?.message ?? e?.message ?? String(error));
}

// ---------- server actions ----------

/** Action ids by exported name, from the production build (they change with every build). */
export function readActionIds(root: string): Map<string, string> {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids.set(entry.exportedName, id);
  return ids;
}

/** How React encodes a call's arguments: JSON text for plain values, multipart when an argument is a FormData. */
export function encodeActionArgs(args: unknown[]): { body: string | FormData; contentType?: string } {
  const form = args.findIndex((a) => a instanceof FormData);
  if (form < 0) return { body: JSON.stringify(args), contentType: "text/plain;charset=UTF-8" };
  // React's encodeReply: each FormData becomes fields "_<part>_<name>" and a "$K<part>" reference in the root JSON.
  const body = new FormData();
  let part = 1;
  const root = args.map((a) => {
    if (!(a instanceof FormData)) return a ?? null;
    const prefix = `_${part}_`;
    for (const [k, v] of a.entries()) body.append(prefix + k, v);
    return `$K${(part++).toString(16)}`;
  });
  body.set("0", JSON.stringify(root));
  return { body };
}

/** A JSON POST as the attempt page's autosave sends it (same-origin fetch with a JSON body). */
export async function postJson(baseUrl: string, routePath: string, body: unknown, jar: CookieJar): Promise<Exchange> {
  return request(baseUrl + routePath, {
    method: "POST",
    jar,
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(body),
  });
}

export async function callAction(baseUrl: string, pagePath: string, actionId: string, args: unknown[], jar: CookieJar): Promise<Exchange> {
  const { body, contentType } = encodeActionArgs(args);
  return request(baseUrl + pagePath, {
    method: "POST",
    jar,
    body,
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      ...(contentType ? { "content-type": contentType } : {}),
    },
  });
}

/**
 * A page the way the client router asks for it during a navigation (its RSC payload, not HTML). Without a router
 * state tree the server renders the whole tree, root layout included, and expects an empty `_rsc` cache-busting
 * parameter (Next answers 307 to add it otherwise).
 */
export function getRscPage(baseUrl: string, pagePath: string, jar: CookieJar): Promise<Exchange> {
  const url = new URL(pagePath, baseUrl);
  url.searchParams.set("_rsc", "");
  return request(url.toString(), { jar, headers: { accept: "text/x-component", rsc: "1" } });
}

export function getHtmlPage(baseUrl: string, pagePath: string, jar: CookieJar): Promise<Exchange> {
  return request(baseUrl + pagePath, { jar, headers: { accept: "text/html" } });
}

// ---------- RSC payloads ----------

/**
 * Splits a React Flight payload into rows ("<hex id>:<tag?><json>\n", or "<hex id>:T<hex byte length>,<text>") and
 * parses the JSON ones. Unknown or unparsable rows are kept as text so a search over them still works.
 */
export function parseFlightRows(body: Buffer): Map<number, unknown> {
  const rows = new Map<number, unknown>();
  let i = 0;
  while (i < body.length) {
    const colon = body.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = parseInt(body.subarray(i, colon).toString("latin1"), 16);
    let j = colon + 1;
    if (body[j] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, j);
      const length = parseInt(body.subarray(j + 1, comma).toString("latin1"), 16);
      rows.set(id, body.subarray(comma + 1, comma + 1 + length).toString("utf8"));
      i = comma + 1 + length;
      continue;
    }
    const end = body.indexOf(0x0a, j);
    const stop = end < 0 ? body.length : end;
    while (j < stop && /[A-Z]/.test(String.fromCharCode(body[j]))) j++; // row tags: I, HL, E, D, W …
    const text = body.subarray(j, stop).toString("utf8");
    try {
      if (!Number.isNaN(id)) rows.set(id, JSON.parse(text));
    } catch {
      if (!Number.isNaN(id)) rows.set(id, text);
    }
    i = stop + 1;
  }
  return rows;
}

/** Undoes Flight's string escapes and follows "$@n"/"$n" references to other rows, for plain data. */
function revive(value: unknown, rows: Map<number, unknown>, depth = 0): unknown {
  if (depth > 50) return value;
  if (typeof value === "string") {
    if (value.startsWith("$$")) return value.slice(1);
    if (value === "$undefined") return undefined;
    const ref = /^\$@?([0-9a-f]+)$/.exec(value);
    if (ref && rows.has(parseInt(ref[1], 16))) return revive(rows.get(parseInt(ref[1], 16)), rows, depth + 1);
    if (value.startsWith("$D")) return value.slice(2);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => revive(v, rows, depth + 1));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, rows, depth + 1)]));
  return value;
}

/** The value a server action returned, from its RSC response; undefined when the response has none (a redirect). */
export function actionResult(body: Buffer): unknown {
  const rows = parseFlightRows(body);
  const root = rows.get(0) as { a?: unknown } | undefined;
  if (!root || typeof root !== "object" || !("a" in root)) return undefined;
  return revive(root.a, rows);
}

/** Finds the first object anywhere in a payload that satisfies `match` (e.g. a client component's props). */
export function findInFlight<T>(body: Buffer, match: (v: Record<string, unknown>) => boolean): T | undefined {
  const rows = parseFlightRows(body);
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number): unknown => {
    if (!v || typeof v !== "object" || seen.has(v) || depth > 60) return undefined;
    seen.add(v);
    if (!Array.isArray(v) && match(v as Record<string, unknown>)) return v;
    for (const child of Object.values(v)) {
      const hit = walk(child, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  };
  for (const row of rows.values()) {
    const hit = walk(row, 0);
    if (hit) return revive(hit, rows) as T;
  }
  return undefined;
}

/** Where a server action sent the browser: the x-action-redirect header, or a NEXT_REDIRECT digest in the payload. */
export function actionRedirect(ex: Exchange): string | null {
  const header = ex.headers.get("x-action-redirect");
  if (header) return header.split(";")[0];
  const digest = /NEXT_REDIRECT;[a-z]*;([^;"\\]+);/.exec(ex.body.toString("utf8"));
  return digest ? digest[1] : null;
}

// ---------- sessions ----------

export const SESSION_COOKIE = "authjs.session-token";

/**
 * Puts a session cookie in the jar as a sign-in would have issued it (minted with the app's AUTH_SECRET), so a run
 * can act as many signed-in users without timing argon2 for each.
 */
export async function mintSessionCookie(
  jar: CookieJar,
  user: { id: string; role: "LEARNER" | "INSTRUCTOR" | "ADMIN"; sessionVersion?: number },
  secret: string,
): Promise<void> {
  const { encode } = await import("next-auth/jwt");
  const token = { sub: user.id, sv: user.sessionVersion ?? 0, role: user.role };
  jar.set(SESSION_COOKIE, await encode({ token, secret, salt: SESSION_COOKIE, maxAge: 4 * 3600 }));
}

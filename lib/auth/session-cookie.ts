// Owns verifying an Auth.js session cookie: decrypted once with next-auth's own decode() (same key derivation, same
// checks: authenticity, exp), then remembered by its exact text until it expires. No Next.js imports, so it is
// testable as is; lib/auth/session.ts wires it to the request's cookies.
import { decode } from "next-auth/jwt";
import { BoundedMap } from "@/lib/runtime/bounded-map";

/** What the session cookie claims: who, and which session version of that account it was issued under. */
export type SessionClaims = { userId: string; version: number };

/** The cookie names Auth.js uses (the __Secure- one over https); each is also the salt of its key derivation. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const CACHE_LIMIT = 10_000;

type Verified = { claims: SessionClaims; expiresAt: number; issuedAt: number };
const verified = new BoundedMap<string, Verified>(CACHE_LIMIT);

type CookieReader = { getAll(): { name: string; value: string }[] };

/** The session cookie's name and full value, joining Auth.js's chunks (name.0, name.1, …) in order. */
export function readSessionCookie(jar: CookieReader): { name: string; value: string } | null {
  const all = jar.getAll();
  for (const name of SESSION_COOKIE_NAMES) {
    const whole = all.find((c) => c.name === name);
    if (whole?.value) return { name, value: whole.value };
    const chunks = all
      .map((c) => ({ c, index: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
      .filter((x) => Number.isInteger(x.index) && x.index >= 0)
      .sort((a, b) => a.index - b.index);
    if (chunks.length > 0) return { name, value: chunks.map((x) => x.c.value).join("") };
  }
  return null;
}

function claimsOf(token: Record<string, unknown>): SessionClaims | null {
  const id = token.sub;
  if (typeof id !== "string" || id.length === 0) return null;
  const version = token.sv;
  // A token issued before session versions existed carries none: it stands for version 0, the column's default, so
  // deploying this signs nobody out, and the account's first sign-out, password or role change revokes it.
  return { userId: id, version: typeof version === "number" && Number.isInteger(version) ? version : 0 };
}

/**
 * The claims of a session cookie, or null when it is absent, forged, tampered with or expired. `nowSeconds` is a
 * parameter so tests can move the clock.
 */
export async function verifySessionCookie(
  cookie: { name: string; value: string },
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<(SessionClaims & { issuedAt: number }) | null> {
  const hit = verified.get(cookie.value);
  if (hit) {
    if (hit.expiresAt > nowSeconds) return { ...hit.claims, issuedAt: hit.issuedAt };
    verified.delete(cookie.value);
    return null;
  }
  let token: Record<string, unknown> | null;
  try {
    token = await decode({ token: cookie.value, secret, salt: cookie.name });
  } catch {
    return null; // not ours, tampered, or encrypted under another secret
  }
  const claims = token ? claimsOf(token) : null;
  const expiresAt = typeof token?.exp === "number" ? token.exp : 0;
  if (!claims || expiresAt <= nowSeconds) return null;
  const issuedAt = typeof token?.iat === "number" ? token.iat : nowSeconds;
  verified.set(cookie.value, { claims, expiresAt, issuedAt });
  return { ...claims, issuedAt };
}

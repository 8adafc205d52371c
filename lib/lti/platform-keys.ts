// Owns the cache of platforms' public key sets: fetched on first use, kept five minutes, re-fetched once when a token
// names a key id the cached set lacks (the platform rotated its key).
import type { JWK } from "jose";

export type CachedKeySet = { jwks: { keys: JWK[] }; uat: number };

const FRESH_SECONDS = 300;
const MAX_BYTES = 256 * 1024;
const cache = new Map<string, CachedKeySet>();

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function download(url: string): Promise<CachedKeySet> {
  const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(5000), redirect: "error" });
  if (!response.ok) throw new Error(`the platform's key set answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error("the platform's key set is too large");
  const body = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(body.keys)) throw new Error("the platform's key set has no keys");
  const entry = { jwks: { keys: body.keys as JWK[] }, uat: nowSeconds() };
  cache.set(url, entry);
  return entry;
}

/** The key set to verify a token signed with `kid`: cached, unless stale or lacking that kid (then fetched once). */
export async function platformKeySet(url: string, kid: string | undefined): Promise<CachedKeySet> {
  const hit = cache.get(url);
  if (!hit || nowSeconds() - hit.uat >= FRESH_SECONDS) return download(url);
  if (kid !== undefined && !hit.jwks.keys.some((k) => k.kid === kid)) return download(url);
  return hit;
}

/** Tests: start from an empty cache. */
export function clearPlatformKeyCache(): void {
  cache.clear();
}

// Owns which network address a request comes from: the X-Forwarded-For entry written by a hop we trust, never the client.
//
// What Next.js (16.4.6, `next start`) hands a route handler, server action or next-auth `authorize`:
// node_modules/next/dist/server/base-server.js sets `req.headers['x-forwarded-for'] ??= socket.remoteAddress`,
// i.e. it writes the socket's address ONLY when the request carries no X-Forwarded-For, and never appends to one.
// So, counting from the right of the list as delivered:
//   - no proxy (0 hops): the one entry is the socket's address, written by Next.js — unless the client sent its own
//     header, which Next.js then passes through untouched. A client talking straight to `next start` can therefore
//     still name its own address; that is why production runs behind a reverse proxy (which also does TLS and HSTS).
//   - N trusted proxies (N ≥ 1): each appends the address of whoever connected to it, and Next.js adds nothing, so the
//     right-most N entries are theirs and the N-th from the right is the address that reached the outermost proxy.
//     Everything left of it is whatever the client claimed.
// Both cases are "the max(N, 1)-th entry from the right". A list shorter than that (a request that skipped a proxy)
// gives its left-most entry, which a trusted hop or Next.js wrote.
import { isIP } from "node:net";
import { readEnv, type Env } from "@/lib/env";

/** KOZA_TRUSTED_PROXY_HOPS: how many reverse proxies sit in front of the app (default 0; validated in lib/env.ts). */
export function trustedProxyHops(env: Env = readEnv()): number {
  return env.KOZA_TRUSTED_PROXY_HOPS ?? 0;
}

/** The client's address from X-Forwarded-For as Next.js delivers it, given the number of trusted proxy hops; null if none. */
export function clientIpFromForwardedFor(forwardedFor: string | null | undefined, hops: number): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - Math.max(hops, 1))];
  return entry === undefined ? null : normaliseAddress(entry);
}

/** "1.2.3.4", "1.2.3.4:5678", "::ffff:1.2.3.4", "[2001:db8::1]:443" → the bare address; anything else → null. */
export function normaliseAddress(entry: string): string | null {
  let address = entry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1];
  if (bracketed) address = bracketed;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  // Node reports IPv4 peers on a dual-stack socket as IPv4-mapped IPv6; one client must have one key.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) address = mapped;
  return isIP(address) ? address.toLowerCase() : null;
}

/** The client's address for a request's headers under the configured KOZA_TRUSTED_PROXY_HOPS. */
export function clientIp(headers: Headers | undefined, env: Env = readEnv()): string | null {
  return clientIpFromForwardedFor(headers?.get("x-forwarded-for"), trustedProxyHops(env));
}

// Owns where a sign-in or sign-up may send the browser afterwards: a same-origin path, or "/dashboard".

export const DEFAULT_NEXT = "/dashboard";
export const MAX_NEXT_LENGTH = 2048;

// A fixed origin we never serve: only used to resolve the path and compare origins, never sent anywhere.
const ORIGIN = "http://koza.invalid";

// Browsers drop tabs and newlines from URLs and treat "\" as "/", so "/\t/evil.example" and "/\\evil.example" become
// "//evil.example" (another host) in the browser while looking like a path here. Any control character, backslash or
// Unicode space (U+3000 included; \s covers them) is refused outright rather than cleaned, and so is its
// percent-encoded form in the path, in case some hop on the way decodes it.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\\s\u200b-\u200f\u2028\u2029\ufeff]/u;

/** `next` when it names a path on this site (normalised: pathname + search + hash), else "/dashboard". */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_NEXT_LENGTH) return DEFAULT_NEXT;
  // One leading slash: "//host" is protocol-relative, "https:…" and "javascript:…" are not paths.
  if (!next.startsWith("/") || next.startsWith("//")) return DEFAULT_NEXT;
  if (FORBIDDEN.test(next)) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== ORIGIN) return DEFAULT_NEXT;
  // Dot segments can collapse into "//host" after parsing ("/.//evil" → "//evil"); the result must still be one path.
  if (url.pathname.startsWith("//")) return DEFAULT_NEXT;
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return DEFAULT_NEXT;
  }
  if (FORBIDDEN.test(decodedPath) || decodedPath.startsWith("//")) return DEFAULT_NEXT;
  return url.pathname + url.search + url.hash;
}

// Where a signed-out visitor was going, in words, so the sign-in page can say why it appeared (longest prefix wins).
const DESTINATIONS: [prefix: string, what: string][] = [
  ["/dashboard", "see your dashboard"],
  ["/review", "review your questions"],
  ["/attempts", "continue your attempt"],
  ["/assignments", "open this assignment"],
  ["/practice", "practise"],
  ["/teach/bank", "open your question banks"],
  ["/teach/classes", "open your class"],
  ["/teach", "see your classes"],
  ["/account", "manage your account"],
  ["/admin", "open the admin pages"],
  ["/join", "join this class"],
];

/** "Sign in to see your dashboard." for a sign-in reached on the way to a page that needs it; null otherwise. */
export function signInReason(next: string | undefined): string | null {
  if (next === undefined) return null;
  const path = safeNext(next).split(/[?#]/)[0]!;
  const match = DESTINATIONS.filter(([prefix]) => path === prefix || path.startsWith(`${prefix}/`)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match ? `Sign in to ${match[1]}.` : null;
}

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

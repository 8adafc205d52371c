// Owns reading LTI form posts with a size cap: an oversized or malformed body is refused before it is parsed.

export const MAX_FORM_BYTES = 64 * 1024;

/** The urlencoded form of a POST (or null when too large or not a form), or the query string of a GET. */
export async function readParams(request: Request): Promise<URLSearchParams | null> {
  if (request.method === "GET") return new URL(request.url).searchParams;
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return null;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) return null;
  const reader = request.body?.getReader();
  if (!reader) return new URLSearchParams();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

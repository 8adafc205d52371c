// Owns reading a request body under a byte limit: refused from Content-Length when it says too much, and counted while
// reading (a client may omit or lie about Content-Length), so an oversized upload is never buffered whole.

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The upload is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
    this.name = "BodyTooLargeError";
  }
}

export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

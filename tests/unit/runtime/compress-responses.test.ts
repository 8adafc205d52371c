// What `npm start` puts on the wire (scripts/compress-responses.mjs), checked over a real socket with the way Next
// writes: flushHeaders, then write + flush per chunk, then end.
import { createServer, request, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { compressResponses } from "../../../scripts/compress-responses.mjs";

type Flushable = ServerResponse & { flush?: () => void };
/** As Next's pipe to a Node response does it: headers flushed before the first chunk, a flush after every chunk. */
async function writeLikeNext(res: Flushable, chunks: (string | "yield")[]): Promise<void> {
  res.setHeader("content-type", "application/json");
  let started = false;
  for (const chunk of chunks) {
    if (chunk === "yield") {
      await new Promise((r) => setTimeout(r, 30));
      continue;
    }
    if (!started) res.flushHeaders();
    started = true;
    res.write(chunk);
    res.flush?.();
  }
  res.end();
}

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Serves one response written by `write`; returns what the client saw, with when each body chunk arrived. */
async function fetchOnce(write: (res: Flushable) => Promise<void>, acceptGzip = true) {
  const server = createServer((req, res) => {
    compressResponses(req, res);
    void write(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer; arrivals: number[] }>((resolve, reject) => {
    const started = Date.now();
    const req = request({ port, host: "127.0.0.1", path: "/", headers: acceptGzip ? { "accept-encoding": "gzip" } : {} }, (res) => {
      const chunks: Buffer[] = [];
      const arrivals: number[] = [];
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        arrivals.push(Date.now() - started);
      });
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks), arrivals }));
    });
    req.on("error", reject);
    req.end();
  });
}

const small = JSON.stringify({ ok: true, data: { savedAt: "2026-12-02T07:00:00.000Z" } });
const large = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: `question ${i} about the Plaza Accord` })) });

describe("compressResponses", () => {
  it("sends a small answer written and ended in one turn whole, with its length and uncompressed", async () => {
    const got = await fetchOnce((res) => writeLikeNext(res, [small]));
    expect(got.headers["content-length"]).toBe(String(Buffer.byteLength(small)));
    expect(got.headers["transfer-encoding"]).toBeUndefined();
    expect(got.headers["content-encoding"]).toBeUndefined();
    expect(got.body.toString()).toBe(small);
  });

  it("compresses a large answer for a client that accepts gzip, and not for one that does not", async () => {
    const gz = await fetchOnce((res) => writeLikeNext(res, [large]));
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(large);
    const plain = await fetchOnce((res) => writeLikeNext(res, [large]), false);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(large);
  });

  it("still streams: a chunk written before the render yields reaches the client before the rest is written", async () => {
    const head = large.slice(0, 3000);
    const tail = large.slice(3000);
    const got = await fetchOnce((res) => writeLikeNext(res, [head, "yield", "yield", "yield", tail]));
    expect(got.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(got.body).toString()).toBe(large);
    // The first bytes arrived well before the 90 ms of yields were over, so they were not held for the end.
    expect(got.arrivals.length).toBeGreaterThan(1);
    expect(got.arrivals[got.arrivals.length - 1] - got.arrivals[0]).toBeGreaterThanOrEqual(60);
  });

  it("sends the headers of a response whose body has not started yet", async () => {
    let headersAt = 0;
    const server = createServer((req, res) => {
      compressResponses(req, res);
      res.setHeader("content-type", "text/plain");
      res.flushHeaders();
      setTimeout(() => res.end("late"), 200);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    close = () => server.close();
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const body = await new Promise<string>((resolve) => {
      request({ port, host: "127.0.0.1", path: "/" }, (res) => {
        headersAt = Date.now() - started;
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve(text));
      }).end();
    });
    expect(headersAt).toBeLessThan(150);
    expect(body).toBe("late");
  });
});

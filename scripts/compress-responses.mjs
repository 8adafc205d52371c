// Owns how `npm start` writes responses to the socket. next.config.ts turns Next's own compression off, because Next
// flushes the compressor after every chunk it streams, so each RSC chunk became a gzip sync-flush, a thread-pool
// round trip and a socket write of its own; and it cannot know a body's length (it drops Content-Length), so a
// 60-byte autosave answer was gzipped and went out chunked in three socket writes. Here the same middleware Next
// uses (`compression`, 1 kB threshold) sees the response through three rules, each at most one event-loop turn long:
//   - what Next writes in the turn it starts writing is held; if it also ends in that turn (a JSON answer, a redirect),
//     the body is sent whole with its length: one write, and under 1 kB not compressed;
//   - flushes asked for in one turn are one flush, so a streamed page still leaves as soon as the render yields;
//   - the headers leave with the first body bytes instead of in a write of their own.
import compression from "compression";
import { Duplex } from "node:stream";

const compress = compression({ threshold: 1024 });

/** Wraps one response before Next writes to it. */
export function compressResponses(req, res) {
  compress(req, res, () => {});
  holdFirstTurn(res);
  const flush = res.flush;
  res.flush = atEndOfTurn(() => flush.call(res));
  res.flushHeaders = atEndOfTurn(() => {
    if (!res.headersSent && !res.writableEnded) Object.getPrototypeOf(res).flushHeaders.call(res);
  });
  // On a client disconnect the middleware never ends its zlib stream, which then outlives the request (as Next does).
  res.once("close", () => {
    if (!res.writableFinished) releaseCompressionStream(res);
  });
}

function holdFirstTurn(res) {
  const write = res.write;
  const end = res.end;
  /** Chunks written in the first turn, or null once they were passed on. */
  let held = [];
  const release = () => {
    if (held === null) return;
    const chunks = held;
    held = null;
    for (const chunk of chunks) write.call(res, chunk);
  };
  res.write = function (chunk, encoding, callback) {
    if (held === null) return write.call(res, chunk, encoding, callback);
    if (held.length === 0) setImmediate(release);
    held.push(toBuffer(chunk, encoding));
    if (typeof callback === "function") process.nextTick(callback);
    else if (typeof encoding === "function") process.nextTick(encoding);
    return true;
  };
  res.end = function (chunk, encoding, callback) {
    if (held === null || held.length === 0) {
      held = null;
      return end.call(res, chunk, encoding, callback);
    }
    const tail = typeof chunk === "function" || chunk == null ? [] : [toBuffer(chunk, encoding)];
    const done = [chunk, encoding, callback].find((a) => typeof a === "function");
    const body = Buffer.concat([...held, ...tail]);
    held = null;
    // Declared here because the middleware fixes the framing before Node could count the body; it drops the length
    // again when it compresses.
    if (!res.headersSent && !res.hasHeader("content-length") && res.statusCode !== 204 && res.statusCode !== 304)
      res.setHeader("content-length", body.byteLength);
    return end.call(res, body, done);
  };
}

/** A written chunk as bytes: a string in its encoding (utf8 unless one is named), or a copy of the caller's bytes. */
function toBuffer(chunk, encoding) {
  return typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
}

/** A call that runs once at the end of this turn of the event loop however often it is made before then. */
function atEndOfTurn(run) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      run();
    });
  };
}

// The middleware's zlib stream is what `res.on` returns once it has wrapped the response (Next's own workaround).
function releaseCompressionStream(res) {
  const noop = () => {};
  const stream = res.on("drain", noop);
  res.off("drain", noop);
  if (stream !== res && stream instanceof Duplex) stream.destroy();
}

// Serves the production build (what `next start` does), with two additions. Responses are compressed and written by
// scripts/compress-responses.mjs (fewer socket writes than Next's own compression). And when no reverse proxy is trusted
// (KOZA_TRUSTED_PROXY_HOPS unset or 0), X-Forwarded-For is replaced by the socket's own address. Next.js only fills
// that header when it is missing, so without this a client talking straight to the app could name its own address
// and dodge or aim the per-address sign-in limits (lib/auth/client-ip.ts reads the header).
// Usage: node scripts/serve.mjs [-p PORT] [-H HOST]
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { compressResponses } from "./compress-responses.mjs";

const root = path.resolve(import.meta.dirname, "..");
const arg = (flag, fallback) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg("-p", process.env.PORT ?? "3000"));
const hostname = arg("-H", process.env.HOSTNAME ?? "0.0.0.0");
const trustsProxies = Number(process.env.KOZA_TRUSTED_PROXY_HOPS ?? 0) > 0;

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  if (!trustsProxies) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  compressResponses(req, res);
  handle(req, res);
});
server.on("error", (error) => {
  console.error(`koza: cannot serve on ${hostname}:${port}: ${error.code === "EADDRINUSE" ? "the port is in use" : error.message}`);
  process.exit(1);
});
// A deep accept queue: when a whole class presses Start in the same second, connections wait in the kernel until the app
// takes them, instead of being reset once Node's default queue of 511 is full (the kernel caps it at somaxconn).
server.listen({ port, host: hostname, backlog: 4096 }, () =>
  console.log(`koza: ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`),
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));

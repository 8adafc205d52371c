// Runs once when a server instance starts: a periodic sweep that finishes overdue attempts (graded on what was saved),
// so an abandoned timed attempt is closed even if nobody opens it again. Every instance may run it: finishing is an
// atomic status flip, so an attempt is graded once however many sweeps race for it. The Node.js-only work lives in
// lib/server-start.ts, imported only under the Node.js runtime, so the Edge build of this file stays empty of it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/server-start")).startServer();
}

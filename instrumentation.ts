// Runs once when a server instance starts: a periodic sweep that finishes overdue attempts (graded on what was saved),
// so an abandoned timed attempt is closed even if nobody opens it again. Every instance may run it: finishing is an
// atomic status flip, so an attempt is graded once however many sweeps race for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.KOZA_DISABLE_SWEEP) return;
  const { startOverdueSweep } = await import("./lib/dal/sweep");
  startOverdueSweep();
}

// Owns what a load run counts: latency per request kind, errors by kind, and the percentile summary.
export type RequestKind = "signin" | "page" | "start" | "save" | "submit";
export const REQUEST_KINDS: RequestKind[] = ["signin", "page", "start", "save", "submit"];

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number };

export class Recorder {
  private readonly latencies = new Map<RequestKind, number[]>();
  readonly errors = new Map<string, number>();
  requests = 0;

  request(kind: RequestKind, ms: number, _status: number, _bytes = 0): void {
    this.requests += 1;
    let list = this.latencies.get(kind);
    if (!list) this.latencies.set(kind, (list = []));
    list.push(ms);
  }

  error(kind: RequestKind, what: string): void {
    const key = `${kind}:${what}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  count(kind: RequestKind): number {
    return this.latencies.get(kind)?.length ?? 0;
  }

  summary(): Record<RequestKind, LatencySummary> {
    return Object.fromEntries(REQUEST_KINDS.map((k) => [k, summarize(this.latencies.get(k) ?? [])])) as Record<RequestKind, LatencySummary>;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summarize(values: number[]): LatencySummary {
  const s = [...values].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n);
  return { count: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s.at(-1) ?? 0) };
}

/**
 * Attributes server CPU to request kinds when requests run one at a time: the CPU the app and database used since
 * the previous answer belongs to the request just answered. Meaningful only for a single sequential client.
 */
export class CostRecorder extends Recorder {
  private readonly spent = new Map<RequestKind, { ms: number; count: number; bytes: number }>();
  private last: number;

  constructor(private readonly cpuSeconds: () => number) {
    super();
    this.last = cpuSeconds();
  }

  override request(kind: RequestKind, ms: number, status: number, bytes = 0): void {
    super.request(kind, ms, status, bytes);
    const now = this.cpuSeconds();
    const entry = this.spent.get(kind) ?? { ms: 0, count: 0, bytes: 0 };
    entry.ms += (now - this.last) * 1000;
    entry.count += 1;
    entry.bytes += bytes;
    this.spent.set(kind, entry);
    this.last = now;
  }

  /** Mean CPU milliseconds (app + database) per request of each kind. */
  meanMs(): Partial<Record<RequestKind, number>> {
    return Object.fromEntries([...this.spent].map(([k, v]) => [k, Math.round((v.ms / v.count) * 10) / 10]));
  }

  /** Mean response body size (bytes, as received: decompressed) per request of each kind. */
  meanBytes(): Partial<Record<RequestKind, number>> {
    return Object.fromEntries([...this.spent].map(([k, v]) => [k, Math.round(v.bytes / v.count)]));
  }
}

// Owns how the bench measures: wall and CPU time of one run (this process or the app server, plus PostgreSQL's
// backends when they are on this machine), interleaved rounds of two paths, and the spread of their ratio over rounds.
import { readFileSync } from "node:fs";
import type { SqlRunner } from "@/lib/db/sql";

export type Cost = { wallMs: number; cpuMs: number; dbCpuMs: number | null };

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU of PostgreSQL backends serving this database, in ms, read from /proc (utime + stime). Null when the server is
 * not on this machine or /proc is not readable: then only this process's CPU is reported, and the output says so.
 */
export async function postgresBackendCpuMs(runner: SqlRunner): Promise<number | null> {
  try {
    const pids = await runner.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
    let ticks = 0;
    for (const { pid } of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
    }
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Where a path's CPU is read: `dbCpu`, the database server's (null: not measurable, or in-process); `cpu`, the
 * process doing the work (default: this one, process.cpuUsage; for the HTTP path, the app server's from /proc).
 */
export type Meter = { dbCpu: () => Promise<number | null>; cpu?: () => number };

const thisProcessCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs fn once and returns its wall time, the working process's CPU time and the database backends' CPU time. */
export async function measure<T>(meter: Meter, fn: () => Promise<T>): Promise<{ cost: Cost; value: T }> {
  const cpuNow = meter.cpu ?? thisProcessCpuMs;
  const db0 = await meter.dbCpu();
  const cpu0 = cpuNow();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpuMs = cpuNow() - cpu0;
  const db1 = await meter.dbCpu();
  return { cost: { wallMs, cpuMs, dbCpuMs: db0 === null || db1 === null ? null : db1 - db0 }, value };
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export type Spread = { median: number; q1: number; q3: number; min: number; max: number; rounds: number };

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return {
    median: round(quantile(s, 0.5), 3),
    q1: round(quantile(s, 0.25), 3),
    q3: round(quantile(s, 0.75), 3),
    min: round(s[0], 3),
    max: round(s[s.length - 1], 3),
    rounds: s.length,
  };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export type PathSummary = { wallMs: Spread; cpuMs: Spread; dbCpuMs: Spread | null; totalCpuMs: Spread };

function summarise(costs: Cost[], per: number): PathSummary {
  const db = costs.every((c) => c.dbCpuMs !== null) ? costs.map((c) => (c.dbCpuMs as number) / per) : null;
  return {
    wallMs: spread(costs.map((c) => c.wallMs / per)),
    cpuMs: spread(costs.map((c) => c.cpuMs / per)),
    dbCpuMs: db ? spread(db) : null,
    totalCpuMs: spread(costs.map((c) => (c.cpuMs + (c.dbCpuMs ?? 0)) / per)),
  };
}

/**
 * A, B, A, B… for `rounds` rounds (A first in even rounds, B first in odd ones, so neither always runs on a warmer
 * cache), each side doing `per` operations per round. Returns per-operation costs and the per-round ratio A/B of
 * wall time and of CPU time (this process + database), with their spread: a ratio without its spread is not a
 * measurement on a shared, noisy machine.
 */
export async function interleave(
  meters: Meter | { a: Meter; b: Meter },
  rounds: number,
  per: number,
  a: (round: number) => Promise<unknown>,
  b: (round: number) => Promise<unknown>,
): Promise<{ a: PathSummary; b: PathSummary; wallRatio: Spread; cpuRatio: Spread; wallRatios: number[]; cpuRatios: number[] }> {
  const meterA = "a" in meters ? meters.a : meters;
  const meterB = "b" in meters ? meters.b : meters;
  const costsA: Cost[] = [];
  const costsB: Cost[] = [];
  for (let r = 0; r < rounds; r++) {
    const runA = async () => costsA.push((await measure(meterA, () => a(r))).cost);
    const runB = async () => costsB.push((await measure(meterB, () => b(r))).cost);
    if (r % 2 === 0) {
      await runA();
      await runB();
    } else {
      await runB();
      await runA();
    }
  }
  const total = (c: Cost) => c.cpuMs + (c.dbCpuMs ?? 0);
  const wallRatios = costsA.map((c, i) => c.wallMs / costsB[i].wallMs);
  const cpuRatios = costsA.map((c, i) => total(c) / total(costsB[i]));
  return {
    a: summarise(costsA, per),
    b: summarise(costsB, per),
    wallRatio: spread(wallRatios),
    cpuRatio: spread(cpuRatios),
    wallRatios,
    cpuRatios,
  };
}

export const fmt = (s: Spread) => `${s.median} (IQR ${s.q1}–${s.q3}, min–max ${s.min}–${s.max}, ${s.rounds} rounds)`;

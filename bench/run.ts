// Koza's benchmark: numbers that matter, measured as ratios against a baseline in the same run, with their spread
// (DESIGN.md §6). Writes bench/results.json. Usage:
//
//   npm run bench                         PGlite in memory, 1,000 students, 15 interleaved rounds (< 3 min on 2 cores)
//   npm run bench -- --full               the 10,000-student score table (and the same submit rounds)
//   npm run bench -- --rounds 15          more rounds (a tighter spread)
//   npm run bench -- --js                 also first-load JavaScript per route (bench/first-load-js.ts; builds)
//   BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npm run bench
//                                         also on a loopback PostgreSQL (a database bench_<pid> is created and dropped)
//
// What is compared, and what each baseline does and does not do (also printed and written to results.json):
// 1. Score table. A = lib/dal/score-table.ts getClassScoreTable: the access check, the overdue sweep, the class's
//    metadata, the one aggregation over every student, DTO shaping. B = a hand-written SQL aggregate of the same
//    numbers sent straight through the driver: no access check, no sweep, no status, no DTOs. Both return every
//    student; they are checked to agree. The class page itself now reads one page (getClassScorePage), timed apart.
// 2. Submits. A = the real path, lib/dal/attempts.ts submitAttempt called in-process (what submitAttemptAction runs
//    after requireViewer and zod; the HTTP, session and RSC render of a real request are NOT included — the load
//    tool, npm run load, measures those). B = the ceiling, bench/submit-ceiling.ts: the same reads and writes in
//    plain set-based SQL (flip, item grades, attempt totals, card upserts, review logs), calling the same pure
//    grading and FSRS code. Both cohorts answered alike; their grades, totals, cards and logs are compared.
// Rounds alternate A and B (A first in even rounds, B first in odd ones); every ratio is given with its median,
// IQR and min–max over rounds. CPU is this process's (process.cpuUsage, which includes PGlite) plus, on PostgreSQL,
// the database backends' (from /proc, when the server is on this machine). No assertion on timings anywhere.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getClassScorePage, getClassScoreTable } from "@/lib/dal/score-table";
import { getItemStatistics } from "@/lib/dal/item-statistics";
import { DEFAULT_SCORE_TABLE_QUERY } from "@/lib/stats/score-table-query";
import { BenchInputError, openPglite, openPostgres, type Backend } from "./backends";
import { fmt, interleave, measure, round, spread } from "./measure";
import { ATTEMPTS, HANDWRITTEN, ITEMS, TOPIC_QUIZZES, agree, seedScores, type HandRow } from "./score-table";
import { benchSubmits } from "./submits";

const { values: args } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    rounds: { type: "string" },
    students: { type: "string" },
    submits: { type: "string" },
    js: { type: "boolean", default: false },
  },
});
const STUDENTS = Number(args.students ?? (args.full ? 10_000 : 1_000));
const ROUNDS = Number(args.rounds ?? 15);
const SUBMITS_PER_ROUND = Number(args.submits ?? 16);
const RESULTS = path.join(import.meta.dirname, "results.json");
const log = (msg: string) => console.log(`[bench] ${msg}`);

const BASELINES = {
  scoreTable: {
    a: "getClassScoreTable (lib/dal/score-table.ts): access check + overdue sweep + class metadata + the one aggregation over every student + status + DTOs",
    b: "hand-written SQL aggregate of the same per-topic and overall numbers, sent through the driver; no access check, no sweep, no status, no DTOs",
  },
  submits: {
    a: "real path, in-process: submitAttempt (lib/dal/attempts.ts) through Prisma; not included: HTTP, session decoding, server-action dispatch, revalidation and the review page's render (see npm run load)",
    b: "ceiling: the same reads and writes set-based in plain SQL (bench/submit-ceiling.ts; 4 round trips), with the same pure grading (lib/grading) and FSRS (nextCardState); not included: Prisma, the existence check's separate query, the result re-read",
  },
};

async function benchScores(b: Backend, classId: string, instructor: Awaited<ReturnType<typeof seedScores>>["instructor"]) {
  const warmApp = await getClassScoreTable(instructor, classId);
  const warmHand = await b.runner.query<HandRow>(HANDWRITTEN, [classId]);
  const check = agree(warmApp.rows, warmHand);
  const timing = await interleave(
    b.meter,
    ROUNDS,
    1,
    () => getClassScoreTable(instructor, classId),
    () => b.runner.query(HANDWRITTEN, [classId]),
  );
  // What the class page and the item statistics page actually cost at this size (no baseline: for the record).
  const pageQuery = { ...DEFAULT_SCORE_TABLE_QUERY, sort: "overall" as const, dir: "desc" as const };
  const pageByName: number[] = [];
  const pageByScore: number[] = [];
  const items: number[] = [];
  for (let i = 0; i < 3; i++) {
    pageByName.push((await measure(b.meter, () => getClassScorePage(instructor, classId, DEFAULT_SCORE_TABLE_QUERY))).cost.wallMs);
    pageByScore.push((await measure(b.meter, () => getClassScorePage(instructor, classId, pageQuery))).cost.wallMs);
    items.push((await measure(b.meter, () => getItemStatistics(instructor, classId, { allAttempts: true }))).cost.wallMs);
  }
  return {
    rows: warmApp.rows.length,
    perRun: { getClassScoreTable: timing.a, handwrittenSql: timing.b },
    ratio: { wall: timing.wallRatio, cpu: timing.cpuRatio },
    ...check,
    classPageMs: { byName: spread(pageByName), byOverallDesc: spread(pageByScore) },
    itemStatisticsAllAttemptsMs: spread(items),
  };
}

async function runBackend(open: () => Promise<Backend>) {
  const b = await open();
  try {
    log(`${b.kind}: seeding ${STUDENTS} students × ${TOPIC_QUIZZES.length} topics × ${ATTEMPTS} attempts × ${ITEMS} items…`);
    const seeded = await measure(b.meter, () => seedScores(b, STUDENTS));
    log(`${b.kind}: seeded in ${(seeded.cost.wallMs / 1000).toFixed(1)} s; score table, ${ROUNDS} interleaved rounds…`);
    const { classId, instructor } = seeded.value;
    const scoreTable = await benchScores(b, classId, instructor);
    log(`${b.kind}: score table ms per run: app ${fmt(scoreTable.perRun.getClassScoreTable.wallMs)}`);
    log(`${b.kind}:                        hand-written ${fmt(scoreTable.perRun.handwrittenSql.wallMs)}`);
    log(
      `${b.kind}: score table app/hand ratio, wall ${fmt(scoreTable.ratio.wall)}; CPU ${fmt(scoreTable.ratio.cpu)}; agree: ${scoreTable.agree}`,
    );
    if (!scoreTable.agree) log(`${b.kind}: MISMATCH ${scoreTable.firstMismatch}`);
    log(
      `${b.kind}: class page (one page of 50) ${scoreTable.classPageMs.byName.median} ms by name, ${scoreTable.classPageMs.byOverallDesc.median} ms by overall; item statistics ${scoreTable.itemStatisticsAllAttemptsMs.median} ms`,
    );
    log(`${b.kind}: submits, ${ROUNDS} interleaved rounds × ${SUBMITS_PER_ROUND} per path…`);
    const submits = await benchSubmits(b, ROUNDS, SUBMITS_PER_ROUND);
    const { real, ceiling } = submits.perSubmit;
    log(
      `${b.kind}: per submit, real:    wall ${fmt(real.wallMs)} ms; CPU ${fmt(real.totalCpuMs)} ms${real.dbCpuMs ? ` (db ${real.dbCpuMs.median})` : ""}`,
    );
    log(
      `${b.kind}: per submit, ceiling: wall ${fmt(ceiling.wallMs)} ms; CPU ${fmt(ceiling.totalCpuMs)} ms${ceiling.dbCpuMs ? ` (db ${ceiling.dbCpuMs.median})` : ""}`,
    );
    log(`${b.kind}: real/ceiling time ratio, wall ${fmt(submits.ratio.wall)}; CPU ${fmt(submits.ratio.cpu)}`);
    log(
      `${b.kind}: real path = ${round(submits.realShareOfCeiling.wall, 2)} of the ceiling (wall), ${round(submits.realShareOfCeiling.cpu, 2)} (CPU); results compared: ${submits.results.compared}, mismatches: ${submits.results.mismatches}`,
    );
    if (submits.results.firstMismatch) log(`${b.kind}: MISMATCH ${submits.results.firstMismatch}`);
    return { seedSeconds: round(seeded.cost.wallMs / 1000), scoreTable, submits };
  } finally {
    await b.dispose();
  }
}

async function main() {
  const started = performance.now();
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
  log(`baselines: score table A = ${BASELINES.scoreTable.a}`);
  log(`           score table B = ${BASELINES.scoreTable.b}`);
  log(`           submits A = ${BASELINES.submits.a}`);
  log(`           submits B = ${BASELINES.submits.b}`);
  const results: Record<string, unknown> = {
    ...previous,
    scoreTableAndSubmits: {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        platform: `${os.platform()} ${os.arch()}`,
        loadavg: os.loadavg().map((x) => round(x, 2)),
      },
      params: {
        students: STUDENTS,
        topics: TOPIC_QUIZZES.length,
        attemptsPerTopic: ATTEMPTS,
        itemsPerAttempt: ITEMS,
        rounds: ROUNDS,
        submitsPerRound: SUBMITS_PER_ROUND,
      },
      baselines: BASELINES,
      cpuNote:
        "cpuMs = this process (process.cpuUsage; includes PGlite, which runs in-process); dbCpuMs = PostgreSQL backends from /proc, null when not measurable",
      pglite: await runBackend(openPglite),
      ...(process.env.BENCH_DATABASE_URL ? { postgres: await runBackend(() => openPostgres(process.env.BENCH_DATABASE_URL!)) } : {}),
    },
  };
  if (args.js) {
    const { measureFirstLoadJs } = await import("./first-load-js");
    log("first-load JavaScript per route (production builds of the app and of a bare Next.js page, Chromium)…");
    const js = await measureFirstLoadJs();
    results.firstLoadJs = { generatedAt: new Date().toISOString(), ...js };
    log(`  bare Next.js page (baseline): ${js.baselineKB} kB gzip; budget ${js.budgetKB} kB (baseline + ${js.allowanceKB})`);
    for (const r of js.routes)
      log(
        `  ${r.route}: ${r.gzipKB} kB gzip in ${r.scripts} scripts (${r.overBaselineKB >= 0 ? "+" : ""}${r.overBaselineKB} kB over the baseline)${r.withinBudget ? "" : " — OVER BUDGET"}; +${r.lazyAfterLoadKB} kB loaded lazily after`,
      );
    for (const p of js.classPageSize.pages)
      log(
        `  class page at ${js.classPageSize.students} students ${p.query}: ${p.htmlKB} kB HTML (${p.gzipKB} kB gzip), status ${p.status}${p.withinBudget ? "" : " — OVER the 200 kB budget"}`,
      );
  }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), RESULTS)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof BenchInputError) {
    console.error(`[bench] ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

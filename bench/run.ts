// Koza's benchmark: numbers that matter, measured as ratios against a baseline in the same run, with their spread
// (DESIGN.md §6). Writes bench/results.json. Usage:
//
//   npm run bench                         PGlite in memory, then a throwaway PostgreSQL 15 (when its server binaries are
//                                         in /usr/lib/postgresql/15/bin) with the app served by `next start`; 1,000
//                                         students, 15 interleaved rounds. Under 3 min on 2 cores, not counting a
//                                         one-time `next build` when .next is missing or older than the sources (a
//                                         line says so; the build finishes before anything is measured).
//   npm run bench -- --full               the 10,000-student score table (and the same submit rounds)
//   npm run bench -- --rounds 15          more rounds (a tighter spread)
//   npm run bench -- --js                 also first-load JavaScript per route (bench/first-load-js.ts; builds)
//   npm run bench -- --pg-port 5600 --base-port 4600
//                                         the throwaway PostgreSQL's and the app server's ports (default: free ones)
//   BENCH_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres npm run bench
//                                         PostgreSQL on that loopback server instead (a database bench_<pid> is
//                                         created and dropped); no throwaway server is started
//
// What is compared, and what each baseline does and does not do (also printed and written to results.json):
// 1. Score table. A = lib/dal/score-table.ts getClassScoreTable: the access check, the overdue sweep, the class's
//    metadata, the one aggregation over every student, DTO shaping. B = a hand-written SQL aggregate of the same
//    numbers sent straight through the driver: no access check, no sweep, no status, no DTOs. Both return every
//    student; they are checked to agree. The class page itself now reads one page (getClassScorePage), timed apart.
// 2. Submits. A = the real path.
//    On PostgreSQL: the submit server action over HTTP, exactly as the attempt page sends it (scripts/load's client:
//    POST /attempts/:id with the next-action header and the page's JSON argument, a session cookie minted with the
//    app's secret), to a production `next start` of this tree (scripts/load/app-instances.ts) sharing the bench's
//    database. Includes HTTP, session decoding, action dispatch, zod, submitAttempt through Prisma (grading and every
//    write), revalidation and the review page rendered into the response. CPU = the app process (from /proc) + the
//    database server; the HTTP client's CPU (the browser's share) is not counted.
//    On PGlite: submitAttempt (lib/dal/attempts.ts) called in-process, labelled so: PGlite lives inside one process,
//    so no app server can share its database. Excludes HTTP, session decoding, action dispatch, revalidation and the
//    review render. CPU = this process (PGlite included).
//    B = the ceiling, bench/submit-ceiling.ts: the same reads and writes in plain set-based SQL (flip, item grades,
//    attempt totals, card upserts, review logs), calling the same pure grading and FSRS code. Excludes HTTP, session,
//    dispatch, Prisma, revalidation and any render. CPU = this process + the database server.
//    Both cohorts answered alike; their grades, totals, cards and logs are compared, and any mismatch (or a pair
//    left ungraded) fails the bench with exit code 1, as does a score table that disagrees with its baseline.
// Rounds alternate A and B (A first in even rounds, B first in odd ones); every ratio is given with its median,
// IQR and min–max over rounds. Database CPU: the throwaway server's whole process tree from /proc (nothing else uses
// it); on BENCH_DATABASE_URL, the backends connected to the bench database. No assertion on timings anywhere.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getClassScorePage, getClassScoreTable } from "@/lib/dal/score-table";
import { getItemStatistics } from "@/lib/dal/item-statistics";
import { DEFAULT_SCORE_TABLE_QUERY } from "@/lib/stats/score-table-query";
import { LoadSetupError, assertPortFree, ensureProductionBuild, freePort } from "@/scripts/load/app-instances";
import { startBenchApp, type BenchApp } from "./app-server";
import { BenchInputError, checkServer, openPglite, openPostgres, type Backend } from "./backends";
import { PG_BIN, hasPostgresServer, startThrowawayPostgres } from "./postgres-cluster";
import { fmt, interleave, measure, round, spread } from "./measure";
import { ATTEMPTS, HANDWRITTEN, ITEMS, TOPIC_QUIZZES, agree, seedScores, type HandRow } from "./score-table";
import { CEILING, REAL_PATH, benchSubmits } from "./submits";

const { values: args } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    rounds: { type: "string" },
    students: { type: "string" },
    submits: { type: "string" },
    js: { type: "boolean", default: false },
    "pg-port": { type: "string" },
    "base-port": { type: "string" },
  },
});
const ROOT = path.resolve(import.meta.dirname, "..");
const portArg = (name: "pg-port" | "base-port") => {
  const v = args[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new BenchInputError(`--${name} must be a port number from 1024 to 65535`);
  return n;
};
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
  submits: { aPostgres: REAL_PATH.http, aPglite: REAL_PATH.inProcess, b: CEILING },
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

async function runBackend(open: () => Promise<Backend>, o: { http?: { port: number | undefined } } = {}) {
  const b = await open();
  let app: BenchApp | undefined;
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
    if (o.http) {
      app = await startBenchApp(ROOT, b, o.http.port ?? (await freePort()));
      log(`${b.kind}: app server (next start, production build) on ${app.baseUrl}, sharing the bench database`);
    }
    log(
      `${b.kind}: submits, ${ROUNDS} interleaved rounds × ${SUBMITS_PER_ROUND} per path; real path ${app ? "= the server action over HTTP" : "= submitAttempt in-process (no HTTP)"}…`,
    );
    const submits = await benchSubmits(b, ROUNDS, SUBMITS_PER_ROUND, app);
    const { real, ceiling } = submits.perSubmit;
    log(
      `${b.kind}: per submit, real:    wall ${fmt(real.wallMs)} ms; CPU ${fmt(real.totalCpuMs)} ms${real.dbCpuMs ? ` (db ${real.dbCpuMs.median})` : ""}`,
    );
    log(
      `${b.kind}: per submit, ceiling: wall ${fmt(ceiling.wallMs)} ms; CPU ${fmt(ceiling.totalCpuMs)} ms${ceiling.dbCpuMs ? ` (db ${ceiling.dbCpuMs.median})` : ""}`,
    );
    log(`${b.kind}: real/ceiling time ratio, wall ${fmt(submits.ratio.wall)}; CPU ${fmt(submits.ratio.cpu)}`);
    log(`${b.kind}: real path as a share of the ceiling, wall ${fmt(submits.realShareOfCeiling.wall)}`);
    log(`${b.kind}:                                      CPU ${fmt(submits.realShareOfCeiling.cpu)}`);
    if (submits.http)
      log(
        `${b.kind}: ${submits.http.responsesCarryingTheReview}/${submits.submitsPerPath} submit responses carried the rendered review (${submits.http.meanResponseBytes} bytes each)`,
      );
    log(`${b.kind}: results compared: ${submits.results.compared} learner pairs, mismatches: ${submits.results.mismatches}`);
    if (submits.results.firstMismatch) log(`${b.kind}: MISMATCH ${submits.results.firstMismatch}`);
    return { seedSeconds: round(seeded.cost.wallMs / 1000), scoreTable, submits };
  } finally {
    await app?.stop();
    await b.dispose();
  }
}

async function main() {
  const started = performance.now();
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : {};
  log(`baselines: score table A = ${BASELINES.scoreTable.a}`);
  log(`           score table B = ${BASELINES.scoreTable.b}`);
  log(`           submits A on PostgreSQL = ${BASELINES.submits.aPostgres}`);
  log(`           submits A on PGlite = ${BASELINES.submits.aPglite}`);
  log(`           submits B = ${BASELINES.submits.b}`);
  const pgPort = portArg("pg-port");
  const appPort = portArg("base-port");
  if (appPort !== undefined) await assertPortFree(appPort); // one clear sentence now, not after the PGlite half
  // Where the HTTP real path runs: a PostgreSQL the app server can share (PGlite lives inside one process).
  const serverUrl = process.env.BENCH_DATABASE_URL?.trim();
  if (serverUrl) await checkServer(serverUrl);
  const cluster = !serverUrl && hasPostgresServer() ? await startThrowawayPostgres(pgPort) : null;
  const postgres = serverUrl
    ? { url: serverUrl, display: "BENCH_DATABASE_URL", postmasterPid: undefined }
    : cluster
      ? { url: cluster.url, display: cluster.display, postmasterPid: cluster.postmasterPid }
      : null;
  const skipped = postgres
    ? null
    : `HTTP real path skipped: it needs PostgreSQL (the app server cannot share PGlite) and there is no BENCH_DATABASE_URL and no server in ${PG_BIN}; only the in-process real path on PGlite was measured.`;
  if (skipped) log(skipped);
  else {
    log(`postgres: ${postgres!.display}`);
    // Before anything is measured: a build would load both cores for minutes.
    await ensureProductionBuild(ROOT, log);
  }
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
        "cpuMs = the process doing the work: this one (process.cpuUsage; includes PGlite, which runs in-process) for the score table, the in-process real path and the ceiling; the app server (next start, from /proc) for the real path over HTTP. dbCpuMs = the PostgreSQL server from /proc (the throwaway server's whole tree, or the bench database's backends on BENCH_DATABASE_URL), null when not measurable",
      httpRealPath: skipped ?? `measured on PostgreSQL (${postgres!.display})`,
      pglite: await runBackend(openPglite),
      ...(postgres
        ? {
            postgres: await runBackend(() => openPostgres(postgres.url, { postmasterPid: postgres.postmasterPid }), {
              http: { port: appPort },
            }).finally(() => cluster?.stop()),
          }
        : {}),
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
  const failures = benchFailures(results.scoreTableAndSubmits as Record<string, unknown>);
  if (failures.length) {
    for (const f of failures) console.error(`[bench] FAILED: ${f}`);
    process.exitCode = 1;
  }
}

type BackendResult = Awaited<ReturnType<typeof runBackend>>;

/** What makes a run wrong rather than slow: a path that did not do the same work as its baseline. */
function benchFailures(run: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const kind of ["pglite", "postgres"] as const) {
    const r = run[kind] as BackendResult | undefined;
    if (!r) continue;
    if (r.submits.results.mismatches > 0)
      out.push(
        `${kind}: the real path and the ceiling did not grade alike (${r.submits.results.mismatches} of ${r.submits.results.compared} learners): ${r.submits.results.firstMismatch}`,
      );
    if (!r.scoreTable.agree) out.push(`${kind}: the score table and the hand-written SQL disagree: ${r.scoreTable.firstMismatch}`);
  }
  return out;
}

main().catch((error: unknown) => {
  if (error instanceof BenchInputError || error instanceof LoadSetupError) {
    console.error(`[bench] ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

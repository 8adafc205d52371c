// Owns one exam load run end to end: database, app instances, students over HTTP, optional fault, verification, figures.
import { randomBytes } from "node:crypto";
import {
  AppInstance,
  LoadSetupError,
  assertPortFree,
  freePort,
  ensureProductionBuild,
  isLoopbackHost,
  treeCpuSeconds,
} from "./app-instances";
import {
  createExamDatabase,
  migrateAndSeed,
  seedBurst,
  seedExam,
  verifyBurst,
  verifyExam,
  STUDENT_PASSWORD,
  type Verification,
} from "./exam-database";
import { mintSessionCookie, readActionIds } from "./http-client";
import { CostRecorder, Recorder, type LatencySummary, type RequestKind } from "./stats";
import { Student, type StudentOutcome } from "./student";

export type LoadOptions = {
  root: string;
  students: number;
  compression: number;
  instances: 1 | 2;
  /** First port; instance i listens on basePort + i. Omitted: free ports chosen by the OS. */
  basePort?: number;
  /** PostgreSQL server URL (a database koza_load_<pid> is created on it and dropped); omitted: PGlite. */
  databaseUrl?: string;
  /** Think time per page in seconds before compression (Moodle's exam test: 30–90). */
  thinkSeconds: [number, number];
  questionsPerPage: number;
  /** Hard limit for the exam phase in seconds; every retry loop stops there. */
  timeLimitSeconds: number;
  /** SIGKILL one instance once this many saves were answered (mid-exam), and start it again after downMs. */
  fault?: { afterSaves: number; instance: number; downMs: number };
  /** Extra students, already signed in, who press Start at the same moment as the N and then stay on the page. */
  startBurst?: number;
  log: (line: string) => void;
};

export type LoadResult = {
  when: string;
  backend: "pglite" | "postgres";
  database: string;
  students: number;
  instances: number;
  compression: number;
  thinkSecondsPerPage: [number, number];
  questions: number;
  questionsPerPage: number;
  fault: (NonNullable<LoadOptions["fault"]> & { restarted: boolean }) | null;
  wallSeconds: { signin: number; exam: number; total: number };
  allStartsServedSeconds: number | null;
  requests: number;
  requestsPerSecond: number;
  latencyMs: Record<RequestKind, LatencySummary>;
  /** App and database CPU over sign-in and exam; the two phases apart (sign-in is mostly argon2id). */
  /** Server CPU (app + database) per request of each kind, measured one request at a time before the run. */
  cpuMsPerRequest: Partial<Record<RequestKind, number>>;
  /** The extra students of the start burst, and how many of them hold exactly one complete attempt afterwards. */
  startBurst: { students: number; started: number; problems: string[] };
  cpuSeconds: {
    app: number;
    database: number | null;
    perStudent: number;
    perStudentApp: number;
    perStudentSignin: number;
    perStudentExam: number;
  };
  errors: Record<string, number>;
  /** What the app processes logged: error codes and messages by count (why a request failed on the server). */
  appLogSignals: Record<string, number>;
  studentFailures: Record<string, number>;
  verification: Verification;
  ok: boolean;
};

const SIGNIN_CONCURRENCY = 8;
/**
 * Students who take the whole exam first, unmeasured: a route's first requests load its code and run before the JIT
 * has compiled it, which is a cost of starting an instance, not of a request. With one, the probes priced a start at
 * about twice what it costs once warm. Five were still not enough: on PostgreSQL a start and its attempt page cost
 * 53 ms of CPU for a server's first 60 students and 28 ms for the next 60, and a submit 47 then 38 ms. The steady
 * state stands for 2,000 students at real think time, which an instance serves long after its JIT has settled, so
 * 60 students (about 15 s, sequential) warm it first; with 5, the same runs read 0.18 CPU-s per student, with 60 0.15-0.16.
 */
const WARMUP_STUDENTS = 60;
/** Students who take the exam alone, before the run, to price each request kind. */
const COST_PROBE_STUDENTS = 8;

function assertLoopbackBase(url: string): void {
  if (!isLoopbackHost(new URL(url).hostname))
    throw new LoadSetupError(`the app URL ${url} is not on this machine; the load test drives loopback servers only`);
}

/** Runs `fn` over items with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

export async function runExamLoad(o: LoadOptions): Promise<LoadResult> {
  if (!Number.isInteger(o.students) || o.students < 1 || o.students > 20_000)
    throw new LoadSetupError("--exam must be a whole number of students from 1 to 20000");
  if (!(o.compression >= 1)) throw new LoadSetupError("--compression must be a number of at least 1");
  if (o.instances === 2 && !o.databaseUrl)
    throw new LoadSetupError("two instances need PostgreSQL (PGlite is one process); set DATABASE_URL to a loopback server");
  const ports = o.basePort
    ? Array.from({ length: o.instances }, (_, i) => o.basePort! + i)
    : await Promise.all(Array.from({ length: o.instances }, freePort));
  for (const p of ports) await assertPortFree(p);

  await ensureProductionBuild(o.root, o.log);
  const actionIds = readActionIds(o.root);
  const actions = {
    start: actionIds.get("startAssignmentAction"),
    submit: actionIds.get("submitAttemptAction"),
  };
  // Autosave is a route handler (POST /api/attempts/:id/answers), not an action: it needs no id.
  if (!actions.start || !actions.submit)
    throw new LoadSetupError("the build in .next has no start/submit actions; rebuild it with `npx next build`");

  const t0 = Date.now();
  const database = await createExamDatabase(o.root, o.databaseUrl);
  const instances: AppInstance[] = [];
  try {
    o.log(`database: ${database.display}`);
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...database.env };
    if (database.kind === "pglite") delete baseEnv.DATABASE_URL;
    await migrateAndSeed(o.root, baseEnv);
    o.log(`migrated and seeded the course (${elapsed(t0)} s)`);
    const setup = await database.open();
    const fixture = await seedExam(setup, o.students + WARMUP_STUDENTS + COST_PROBE_STUDENTS);
    const burstIds = await seedBurst(setup, o.startBurst ?? 0).finally(() => setup.close());
    o.log(`created the class, ${o.students} students and the assigned 16-question quiz (${elapsed(t0)} s)`);

    // Several instances must share these two secrets, or sessions and action payloads would not cross between them.
    const appEnv = {
      ...baseEnv,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    };
    for (const port of ports) instances.push(new AppInstance(o.root, port, appEnv));
    await Promise.all(instances.map((i) => i.start()));
    for (const i of instances) assertLoopbackBase(i.baseUrl);
    o.log(`app: ${instances.map((i) => i.baseUrl).join(", ")} (${elapsed(t0)} s)`);

    const rec = new Recorder();
    const seenProbes = new Map<string, StudentOutcome>();
    const [minThink, maxThink] = o.thinkSeconds;
    const perQuestion = (s: number) => (s * 1000) / o.questionsPerPage / o.compression;
    const deadline = Date.now() + o.timeLimitSeconds * 1000;
    const plan = {
      assignmentId: fixture.assignmentId,
      password: STUDENT_PASSWORD,
      actions: actions as { start: string; submit: string },
      thinkMs: () => perQuestion(minThink) + Math.random() * (perQuestion(maxThink) - perQuestion(minThink)),
      questionsPerPage: o.questionsPerPage,
      deadline,
    };
    const router = { bases: instances.map((i) => i.baseUrl) };
    // A few students take the whole exam first, unmeasured, so the figures are not the JIT warming up each route;
    // they go round the instances, and every instance signs one in. They are verified like the others.
    const warmupEmails = fixture.emails.slice(0, WARMUP_STUDENTS);
    const rest = fixture.emails.slice(WARMUP_STUDENTS);
    const probeEmails = rest.splice(0, COST_PROBE_STUDENTS);
    const emails = rest;
    const warmups = warmupEmails.map((email, i) => new Student(i, email, router, { ...plan, thinkMs: () => 0 }, new Recorder()));
    for (const warmup of warmups) {
      await warmup.signIn();
      await warmup.run(Promise.resolve());
    }
    for (let i = 1; i < instances.length; i++) await new Student(i, warmupEmails[0], router, plan, new Recorder()).signIn();
    const students = emails.map((email, i) => new Student(i, email, router, plan, rec));
    // The start burst: students signed in before the exam (their session cookies are minted with the app's secret, as
    // a sign-in would have issued them) who press Start at the same moment as everyone else.
    const burst = await Promise.all(
      burstIds.map(async (id, i) => {
        const s = new Student(emails.length + i, `${id}@burst`, router, plan, rec);
        await mintSessionCookie(s.jar, { id, role: "LEARNER" }, appEnv.AUTH_SECRET);
        return s;
      }),
    );
    const failures = new Map<string, number>();
    const fail = (e: unknown) => {
      const msg = String((e as Error)?.message ?? e).slice(0, 100);
      failures.set(msg, (failures.get(msg) ?? 0) + 1);
    };

    const cpu = () => ({
      app: instances.reduce((s, i) => s + i.cpuSeconds(), 0),
      db: database.postmasterPid ? treeCpuSeconds(database.postmasterPid) : null,
    });

    // What one request of each kind costs the server, alone: a few more students take the exam one at a time with no
    // think time, and the CPU used between two answers is charged to the request just answered.
    const costs = new CostRecorder(() => {
      const c = cpu();
      return c.app + (c.db ?? 0);
    });
    for (const [i, email] of probeEmails.entries()) {
      const probe = new Student(i, email, { bases: [instances[0].baseUrl] }, { ...plan, thinkMs: () => 0 }, costs);
      await probe.signIn();
      await probe.run(Promise.resolve());
      seenProbes.set(email, probe.outcome);
    }
    o.log(
      `CPU per request, one at a time (ms): ${Object.entries(costs.meanMs())
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    o.log(
      `response bytes per request: ${Object.entries(costs.meanBytes())
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );

    const cpu0 = cpu();
    const signinStart = Date.now();
    const signedIn: Student[] = [];
    await pool(students, SIGNIN_CONCURRENCY, async (s) => {
      try {
        await s.signIn();
        signedIn.push(s);
      } catch (e) {
        fail(e);
      }
    });
    const signinSeconds = (Date.now() - signinStart) / 1000;
    const cpuSignedIn = cpu();
    o.log(
      `signed in ${signedIn.length}/${students.length} in ${signinSeconds.toFixed(1)} s; starting the exam (${o.compression}× compressed think time)`,
    );

    // The synchronized start: every student's start request leaves at the same moment.
    let openGate!: () => void;
    const gate = new Promise<void>((r) => (openGate = r));
    const examStart = Date.now();
    const runs = [...signedIn.map((s) => s.run(gate)), ...burst.map((s) => s.startOnly(gate))].map((run, i) =>
      run.catch((e: unknown) => {
        [...signedIn, ...burst][i]!.stage = "failed";
        fail(e);
      }),
    );
    let faultDone: Promise<void> = Promise.resolve();
    let faultRestarted = false;
    if (o.fault) {
      const { afterSaves, instance, downMs } = o.fault;
      faultDone = (async () => {
        while (rec.count("save") < afterSaves && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        o.log(`fault: SIGKILL instance ${instance} (port ${instances[instance].port}) after ${rec.count("save")} saves`);
        await instances[instance].kill();
        await new Promise((r) => setTimeout(r, downMs));
        await instances[instance].start();
        faultRestarted = true;
        o.log(`fault: instance ${instance} restarted`);
      })().catch((e) => fail(new Error(`restart failed: ${(e as Error).message}`)));
    }
    openGate();
    const progress = setInterval(() => {
      const stages = new Map<string, number>();
      for (const s of [...signedIn, ...burst]) stages.set(s.stage, (stages.get(s.stage) ?? 0) + 1);
      const errors = [...rec.errors.values()].reduce((a, b) => a + b, 0);
      o.log(
        `${elapsed(examStart)} s: ${[...stages].map(([k, v]) => `${v} ${k}`).join(", ")}; ${rec.count("save")} saves answered, ${errors} errors`,
      );
    }, 15_000);
    await Promise.all(runs).finally(() => clearInterval(progress));
    await faultDone;
    const examSeconds = (Date.now() - examStart) / 1000;
    const cpu1 = cpu();
    const startTimes = [...signedIn, ...burst].map((s) => s.outcome.startServedAt).filter((t): t is number => t !== null);
    const allStarts = startTimes.length === students.length + burst.length ? (Math.max(...startTimes) - examStart) / 1000 : null;

    await Promise.all(instances.map((i) => i.stop())); // PGlite: the harness may open the folder only after the app let go
    const check = await database.open();
    const seen = new Map(students.map((s) => [s.email, s.outcome]));
    for (const warmup of warmups) seen.set(warmup.email, warmup.outcome);
    for (const [email, outcome] of seenProbes) seen.set(email, outcome);
    const verification = await verifyExam(check, fixture.assignmentId, seen);
    const burstCheck = await verifyBurst(check, fixture.assignmentId).finally(() => check.close());

    const appCpu = cpu1.app - cpu0.app;
    const dbCpu = cpu0.db !== null && cpu1.db !== null ? cpu1.db - cpu0.db : null;
    const result: LoadResult = {
      when: new Date().toISOString(),
      backend: database.kind,
      database: database.display,
      students: o.students,
      instances: o.instances,
      compression: o.compression,
      thinkSecondsPerPage: o.thinkSeconds,
      questions: 16,
      questionsPerPage: o.questionsPerPage,
      fault: o.fault ? { ...o.fault, restarted: faultRestarted } : null,
      wallSeconds: { signin: round(signinSeconds), exam: round(examSeconds), total: round((Date.now() - t0) / 1000) },
      allStartsServedSeconds: allStarts === null ? null : round(allStarts),
      requests: rec.requests,
      requestsPerSecond: round(rec.requests / Math.max(0.001, signinSeconds + examSeconds)),
      latencyMs: rec.summary(),
      cpuMsPerRequest: costs.meanMs(),
      cpuSeconds: {
        app: round(appCpu),
        database: dbCpu === null ? null : round(dbCpu),
        perStudent: round((appCpu + (dbCpu ?? 0)) / o.students, 3),
        perStudentApp: round(appCpu / o.students, 3),
        perStudentSignin: round((cpuSignedIn.app - cpu0.app + (cpuSignedIn.db ?? 0) - (cpu0.db ?? 0)) / o.students, 3),
        perStudentExam: round((cpu1.app - cpuSignedIn.app + (cpu1.db ?? 0) - (cpuSignedIn.db ?? 0)) / o.students, 3),
      },
      errors: Object.fromEntries([...rec.errors].sort((a, b) => b[1] - a[1])),
      studentFailures: Object.fromEntries(failures),
      appLogSignals: Object.fromEntries(
        [...instances.flatMap((i) => [...i.signals])].reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>()),
      ),
      verification,
      startBurst: {
        students: burst.length,
        started: burstCheck.students - burstCheck.problems.length,
        problems: burstCheck.problems.slice(0, 10),
      },
      ok: verification.lostAnswers === 0 && verification.gradedOnce === verification.students && burstCheck.problems.length === 0,
    };
    return result;
  } finally {
    await Promise.all(instances.map((i) => i.stop().catch(() => undefined)));
    await database.dispose().catch(() => undefined);
  }
}

const elapsed = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The figures a person reads, one block. */
export function formatResult(r: LoadResult): string {
  const lines = [
    `Exam load: ${r.students} students, ${r.instances} instance(s), ${r.backend}, think ${r.thinkSecondsPerPage.join("–")} s/page ÷ ${r.compression}${r.fault ? `, instance ${r.fault.instance} SIGKILLed after ${r.fault.afterSaves} saves${r.fault.restarted ? " and restarted" : " (NOT restarted)"}` : ""}`,
    `  wall: sign-in ${r.wallSeconds.signin} s, exam ${r.wallSeconds.exam} s; all starts served after ${r.allStartsServedSeconds ?? "— (not all started)"} s`,
    `  requests: ${r.requests} (${r.requestsPerSecond}/s)`,
    `  latency ms        count     p50     p95     p99     max`,
    ...Object.entries(r.latencyMs).map(
      ([k, s]) =>
        `    ${k.padEnd(14)}${String(s.count).padStart(8)}${[s.p50, s.p95, s.p99, s.max].map((v) => String(v).padStart(8)).join("")}`,
    ),
    `  CPU per request alone (ms, app + database): ${Object.entries(r.cpuMsPerRequest)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}; start ÷ save ${r.cpuMsPerRequest.start && r.cpuMsPerRequest.save ? round(r.cpuMsPerRequest.start / r.cpuMsPerRequest.save) : "—"}`,
    ...(r.startBurst.students
      ? [
          `  start burst: ${r.startBurst.students} more students pressed Start at the same moment; ${r.startBurst.started} hold exactly one complete attempt (their starts' CPU is in the exam figure below)`,
        ]
      : []),
    `  CPU: app ${r.cpuSeconds.app} s${r.cpuSeconds.database !== null ? `, PostgreSQL ${r.cpuSeconds.database} s` : ""}; ${r.cpuSeconds.perStudent} CPU-s per student (sign-in ${r.cpuSeconds.perStudentSignin}, exam ${r.cpuSeconds.perStudentExam})`,
    `  errors: ${
      Object.keys(r.errors).length
        ? Object.entries(r.errors)
            .map(([k, v]) => `${k} ×${v}`)
            .join(", ")
        : "none"
    }`,
    ...(Object.keys(r.appLogSignals).length
      ? [
          `  the app logged: ${Object.entries(r.appLogSignals)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 8)
            .map(([k, v]) => `${k} ×${v}`)
            .join(", ")}`,
        ]
      : []),
    ...(Object.keys(r.studentFailures).length
      ? [
          `  students who could not finish: ${Object.entries(r.studentFailures)
            .map(([k, v]) => `${k} ×${v}`)
            .join(", ")}`,
        ]
      : []),
    `  verification: ${r.verification.gradedOnce}/${r.verification.students} graded exactly once; ${r.verification.lostAnswers} of ${r.verification.answersGiven} answers lost; the review page showed the stored score to ${r.verification.reviewPageAgrees}`,
    ...r.verification.problems.slice(0, 10).map((p) => `    ${p}`),
    r.ok ? "  OK: no answer lost, every attempt graded exactly once." : "  FAILED: answers lost or attempts not graded exactly once.",
  ];
  return lines.join("\n");
}

/** Runs a load command: its exit code, or one clear line and exit 1 on a setup problem (never a stack trace). */
export function runLoadCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof LoadSetupError ? error.message : String((error as Error)?.message ?? error).split("\n")[0];
      console.error(`${name}: ${message}`);
      if (process.env.KOZA_DEBUG) console.error(error);
      process.exit(1);
    },
  );
}

// Owns one simulated exam student: sign in, open the dashboard, start, answer with the page's autosave and retry rules, submit.
import type { AttemptForTakingDTO } from "@/lib/dal/attempts";
import type { QuestionType } from "@/lib/content/schema";
import type { QuestionForAttempt, QuestionForAttemptOf } from "@/lib/grading/presentation";
import type { ClientResponse, ClientResponseOf } from "@/lib/grading/response";
import {
  CookieJar,
  TransportError,
  actionRedirect,
  actionResult,
  callAction,
  findInFlight,
  getHtmlPage,
  getRscPage,
  request,
  type Exchange,
} from "./http-client";
import type { Recorder, RequestKind } from "./stats";
import { RETRYABLE_CODES } from "@/lib/actions/result-shape";

/** Where to send requests: one base URL per app instance; a student sticks to one and fails over on a dead one. */
export type Router = { bases: string[] };

export type ExamPlan = {
  assignmentId: string;
  password: string;
  actions: { start: string; save: string; submit: string };
  /** Think time per question in ms (already divided by the compression factor). */
  thinkMs: () => number;
  questionsPerPage: number;
  /** No retry loop runs past this moment (ms since the epoch). */
  deadline: number;
};

/** What the verification needs from one student: the attempt and the last answer given to each question. */
export type StudentOutcome = {
  email: string;
  attemptId: string | null;
  /** Position → the last answer this student gave (opaque ids), whether or not the server stored it. */
  lastAnswers: Map<number, ClientResponse>;
  submitted: boolean;
  /** The score the review page showed after submit; null when it did not show one. */
  reviewPoints: number | null;
  startServedAt: number | null;
  failure: string | null;
};

type ActionReply = { ok: boolean; error?: string; code?: string; retryAfterSeconds?: number; data?: unknown };

const MAX_TRIES = 30;
const MAX_BACKOFF_MS = 15_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export class Student {
  readonly jar = new CookieJar();
  readonly outcome: StudentOutcome;
  private lastSeq = 0;
  /** Where this student is, for the progress line. */
  stage = "waiting";

  constructor(
    readonly index: number,
    readonly email: string,
    private readonly router: Router,
    private readonly plan: ExamPlan,
    private readonly rec: Recorder,
  ) {
    this.outcome = {
      email,
      attemptId: null,
      lastAnswers: new Map(),
      submitted: false,
      reviewPoints: null,
      startServedAt: null,
      failure: null,
    };
  }

  /** The page's server actions go out one at a time (Next dispatches them sequentially); navigations do not wait. */
  private lane: Promise<unknown> = Promise.resolve();
  private serial<T>(send: () => Promise<T>): Promise<T> {
    const run = this.lane.then(send, send);
    this.lane = run.catch(() => undefined);
    return run;
  }

  /** Sticky per student; the n-th retry after a transport failure moves on, as a load balancer's health check would. */
  private base(tryNo = 0): string {
    const b = this.router.bases;
    return b[(this.index + tryNo) % b.length];
  }

  /** Same rule as the page's nextSequence: milliseconds, forced strictly increasing. */
  private nextSeq(): number {
    this.lastSeq = Math.max(Date.now(), this.lastSeq + 1);
    return this.lastSeq;
  }

  /**
   * Sends one request until it gets an answer worth acting on, as the page does: transport failures, 5xx and
   * explicit overload answers are retried with backoff (honouring Retry-After / retryAfterSeconds); anything else
   * is returned. Bounded by MAX_TRIES and the run's deadline.
   */
  private async withRetry(
    kind: RequestKind,
    send: (base: string) => Promise<Exchange>,
  ): Promise<{ ex: Exchange; reply: ActionReply | undefined } | null> {
    const pause = (ms: number) => sleep(Math.min(ms, this.plan.deadline - Date.now()));
    for (let tryNo = 0; tryNo < MAX_TRIES && Date.now() < this.plan.deadline; tryNo++) {
      let waitMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** tryNo) * (0.5 + Math.random() / 2);
      let ex: Exchange;
      try {
        ex = await send(this.base(tryNo));
      } catch (error) {
        const e = error as TransportError;
        this.rec.error(kind, `network:${e instanceof TransportError ? e.kind : "unknown"}`);
        await pause(waitMs);
        continue;
      }
      this.rec.request(kind, ex.ms, ex.status, ex.body.length);
      const retryAfter = Number(ex.headers.get("retry-after"));
      if (ex.status === 503 || ex.status === 429 || ex.status >= 500) {
        this.rec.error(kind, `http_${ex.status}`);
        if (retryAfter > 0) waitMs = retryAfter * 1000;
        await pause(waitMs);
        continue;
      }
      const reply = isRsc(ex) ? (actionResult(ex.body) as ActionReply | undefined) : undefined;
      // The page's own rule (lib/quiz/autosave-policy.ts): retry every failure that decided nothing on the server.
      if (reply && reply.ok === false && ((RETRYABLE_CODES as readonly string[]).includes(reply.code ?? "") || reply.retryAfterSeconds)) {
        this.rec.error(kind, reply.code ?? "retry_after");
        await pause(reply.retryAfterSeconds ? reply.retryAfterSeconds * 1000 : waitMs);
        continue;
      }
      return { ex, reply };
    }
    this.rec.error(kind, "gave_up");
    return null;
  }

  async signIn(): Promise<void> {
    const done = await this.withRetry("signin", async (base) => {
      const t0 = performance.now();
      const csrf = await request(`${base}/api/auth/csrf`, { jar: this.jar });
      if (csrf.status !== 200) return csrf;
      const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken: string };
      const form = new URLSearchParams({ email: this.email, password: this.plan.password, csrfToken, callbackUrl: `${base}/dashboard` });
      const res = await request(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        jar: this.jar,
        body: form,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      return { ...res, ms: performance.now() - t0 };
    });
    if (!done || !this.jar.has("authjs.session-token"))
      throw new Error(`sign-in failed for ${this.email} (HTTP ${done?.ex.status ?? "none"})`);
    await this.pageView("/dashboard", "html");
  }

  private async pageView(pagePath: string, as: "html" | "rsc"): Promise<Exchange | null> {
    const got = await this.withRetry("page", (base) =>
      as === "html" ? getHtmlPage(base, pagePath, this.jar) : getRscPage(base, pagePath, this.jar),
    );
    if (!got) return null;
    if (got.ex.status !== 200) this.rec.error("page", `http_${got.ex.status}`);
    return got.ex;
  }

  /** The dashboard's start button: a form action with (previous state, FormData). */
  async start(): Promise<void> {
    const form = new FormData();
    form.set("assignmentId", this.plan.assignmentId);
    const got = await this.withRetry("start", (base) =>
      this.serial(() => callAction(base, "/dashboard", this.plan.actions.start, [null, form], this.jar)),
    );
    if (!got) throw new Error("start never served");
    const { ex, reply } = got;
    // Today: redirect() → x-action-redirect (body: the target page's RSC). Next: {ok:true, data:{attemptId, url}}.
    const data = reply?.ok ? (reply.data as { attemptId?: string; url?: string } | undefined) : undefined;
    const url = actionRedirect(ex) ?? data?.url ?? (data?.attemptId ? `/attempts/${data.attemptId}` : null);
    if (!url) {
      // Name what came back, so a refusal the run cannot classify is diagnosable from the summary alone.
      const what =
        reply?.error ?? `HTTP ${ex.status} ${ex.headers.get("content-type") ?? "no content-type"}: ${ex.body.toString("utf8", 0, 80)}`;
      throw new Error(`start refused: ${what}`);
    }
    this.outcome.attemptId = /\/attempts\/([a-z0-9]+)/i.exec(url)?.[1] ?? null;
    this.outcome.startServedAt = Date.now();
    let attempt = findTaking(ex.body);
    if (!attempt) {
      const page = await this.pageView(url, "rsc");
      attempt = page ? findTaking(page.body) : undefined;
    }
    if (!attempt) throw new Error("the attempt page did not show the questions");
    this.attempt = attempt;
  }

  private attempt: AttemptForTakingDTO | undefined;
  private readonly pendingSaves: Promise<void>[] = [];

  /** Answers every question page by page with think time; saves run in the background like the page's autosave. */
  async answer(): Promise<void> {
    const items = this.attempt?.items ?? [];
    for (let i = 0; i < items.length; i++) {
      if (Date.now() > this.plan.deadline) throw new Error("the run's time limit was reached while answering");
      await sleep(this.plan.thinkMs());
      const item = items[i];
      const value = randomAnswer(item.question);
      this.outcome.lastAnswers.set(item.position, value);
      this.pendingSaves.push(this.save(item.position, value, this.nextSeq()));
    }
  }

  /** One autosave, retried with the same seq until stored, refused for good, or out of time. */
  private async save(position: number, value: ClientResponse, seq: number): Promise<void> {
    const attemptId = this.outcome.attemptId!;
    const got = await this.withRetry("save", (base) =>
      this.serial(() =>
        callAction(base, `/attempts/${attemptId}`, this.plan.actions.save, [{ attemptId, position, seq, response: value }], this.jar),
      ),
    );
    if (got && !got.reply?.ok) this.rec.error("save", `rejected:${(got.reply?.error ?? `HTTP ${got.ex.status}`).slice(0, 60)}`);
  }

  /**
   * Flushes pending saves (as submit does) and submits. Like the page, it renders nothing more: the submit action
   * revalidates the attempt's page, so its one response already carries the review, and the score is read from it.
   */
  async submit(): Promise<void> {
    await Promise.all(this.pendingSaves);
    const attemptId = this.outcome.attemptId!;
    const got = await this.withRetry("submit", (base) =>
      this.serial(() => callAction(base, `/attempts/${attemptId}`, this.plan.actions.submit, [{ attemptId }], this.jar)),
    );
    if (!got?.reply?.ok) {
      this.rec.error("submit", `rejected:${(got?.reply?.error ?? `HTTP ${got?.ex.status ?? "none"}`).slice(0, 60)}`);
      return;
    }
    this.outcome.submitted = true;
    // The review page (server-rendered) heads its score "Your score: <points> / <max> (<pct>%)".
    const heading = findInFlight<{ children: unknown[] }>(got.ex.body, (v) => v.id === "score-heading" && Array.isArray(v.children));
    const shown = heading ? Number(heading.children[1]) : NaN;
    this.outcome.reviewPoints = Number.isFinite(shown) ? shown : null;
  }

  /** A student in the start burst only: at the gate they start (and load the attempt page), then stay on it. */
  async startOnly(startGate: Promise<void>): Promise<void> {
    await startGate;
    this.stage = "starting";
    await this.start();
    this.stage = "started";
  }

  async run(startGate: Promise<void>): Promise<void> {
    await startGate;
    this.stage = "starting";
    await this.start();
    this.stage = "answering";
    await this.answer();
    this.stage = "submitting";
    await this.submit();
    this.stage = "done";
  }
}

function isRsc(ex: Exchange): boolean {
  return (ex.headers.get("content-type") ?? "").startsWith("text/x-component");
}

function findTaking(body: Buffer): AttemptForTakingDTO | undefined {
  return findInFlight<AttemptForTakingDTO>(body, (v) => v.kind === "taking" && Array.isArray(v.items));
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];
function shuffled<T>(list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// Keyed by every question type (like the registry), so a new type fails to compile until the load test can answer it.
const RANDOM_ANSWER: { [T in QuestionType]: (q: QuestionForAttemptOf<T>) => ClientResponseOf<T> } = {
  single: (q) => ({ type: "single", optionId: pick(q.options).id }),
  multiple: (q) => ({ type: "multiple", optionIds: q.options.filter(() => Math.random() < 0.5).map((o) => o.id) }),
  truefalse: () => ({ type: "truefalse", value: Math.random() < 0.5 }),
  numeric: () => ({ type: "numeric", text: String(Math.round(Math.random() * 1000)) }),
  short: () => ({ type: "short", text: pick(["yen", "tariff", "Plaza", "surplus", "CPTPP"]) }),
  ordering: (q) => ({ type: "ordering", order: shuffled(q.items).map((i) => i.id) }),
  matching: (q) => ({ type: "matching", pairs: Object.fromEntries(q.lefts.map((l) => [l.id, pick(q.rights).id])) }),
};
const randomAnswerOfType = <T extends QuestionType>(type: T): ((q: QuestionForAttemptOf<T>) => ClientResponseOf<T>) => RANDOM_ANSWER[type];

/** A plausible answer in the page's own format (opaque ids as shown), right or wrong at random. */
export function randomAnswer(q: QuestionForAttempt): ClientResponse {
  return randomAnswerOfType(q.type)(q);
}

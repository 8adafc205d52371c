// Owns the environment: the one reader of process.env in app/ and lib/ (an ESLint rule keeps it so). Every variable is
// validated here, and a bad value is one sentence naming it (EnvError), never a stack trace or a silent default.
// .env.example lists each variable with a line of explanation. The embedded mode's files live in data-dir.mjs.
import { z } from "zod";
import { dataDir } from "./data-dir.mjs";

export class EnvError extends Error {
  name = "EnvError";
}

export type EnvSource = Record<string, string | undefined>;

/** Blank values count as unset, as they always have (an empty `AUTH_SECRET=` line in .env). */
function optional<T extends z.ZodType<unknown, string>>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
}

const DB_URL_SHAPE = "(expected postgres://user:password@host:5432/database)";

const DatabaseUrl = z
  .string()
  .trim()
  .superRefine((raw, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail(`DATABASE_URL is not a valid URL ${DB_URL_SHAPE}`);
    }
    if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
      return fail(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol.replace(/:$/, "")}://)`);
    if (!url.hostname && !url.searchParams.get("host")) return fail(`DATABASE_URL has no host ${DB_URL_SHAPE}`);
    if (url.pathname.length <= 1) fail("DATABASE_URL has no database name after the host");
  });

function wholeNumber(name: string, min: number, max: number) {
  const range = max === Infinity ? `of ${min} or more` : `from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .refine((raw) => /^\d{1,6}$/.test(raw) && Number(raw) >= min && Number(raw) <= max, {
      error: (issue) => `${name} must be a whole number ${range}, not ${JSON.stringify(issue.input)}`,
    })
    .transform(Number);
}

export const MAX_TRUSTED_PROXY_HOPS = 10;
export const MIN_INVITE_CODE_LENGTH = 8;

function oauthPair(env: { id?: string; secret?: string }, idName: string, secretName: string, ctx: z.RefinementCtx) {
  if (Boolean(env.id) !== Boolean(env.secret))
    ctx.addIssue({
      code: "custom",
      message: `${env.id ? secretName : idName} is not set: set both ${idName} and ${secretName}, or neither`,
    });
}

const EnvVariables = z.object({
  NODE_ENV: optional(
    z.enum(["development", "production", "test"], {
      error: (issue) => `NODE_ENV must be development, production or test, not ${JSON.stringify(issue.input)}`,
    }),
  ),
  /** PostgreSQL instead of the embedded database; checked for shape, never logged with its password. */
  DATABASE_URL: optional(DatabaseUrl),
  DATABASE_POOL_SIZE: optional(wholeNumber("DATABASE_POOL_SIZE", 1, 1000)),
  AUTH_SECRET: optional(z.string()),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_GOOGLE_ID: optional(z.string()),
  AUTH_GOOGLE_SECRET: optional(z.string()),
  KOZA_DATA_DIR: optional(z.string()),
  KOZA_TRUSTED_PROXY_HOPS: optional(wholeNumber("KOZA_TRUSTED_PROXY_HOPS", 0, MAX_TRUSTED_PROXY_HOPS)),
  KOZA_INSTRUCTOR_INVITE_CODE: optional(
    z.string().min(MIN_INVITE_CODE_LENGTH, `KOZA_INSTRUCTOR_INVITE_CODE must be at least ${MIN_INVITE_CODE_LENGTH} characters`),
  ),
  KOZA_DISABLE_SWEEP: optional(z.string()).transform(Boolean),
  /** Outgoing mail (password-reset links): smtp://user:pass@host:587 or smtps://…:465; unset = links go to the server log. */
  SMTP_URL: optional(
    z
      .string()
      .trim()
      .refine((raw) => /^smtps?:\/\/[^/]/.test(raw), "SMTP_URL must start with smtp:// or smtps:// and name a host"),
  ),
  /** The sender of Koza's mail ("Koza <koza@school.example>"); defaults to koza@ the host of KOZA_PUBLIC_URL. */
  MAIL_FROM: optional(z.string().trim().max(320)),
  /** The address people reach Koza at (https://koza.school.example): links in mail are built on it, never on a request's Host. */
  KOZA_PUBLIC_URL: optional(
    z
      .string()
      .trim()
      .refine((raw) => URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol), "KOZA_PUBLIC_URL must be an http:// or https:// URL"),
  ),
});

/** The names the app reads (each has a line in .env.example; a unit test checks). */
export const ENV_NAMES = Object.keys(EnvVariables.shape);

const EnvSchema = EnvVariables.superRefine((env, ctx) => {
  oauthPair({ id: env.AUTH_GITHUB_ID, secret: env.AUTH_GITHUB_SECRET }, "AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", ctx);
  oauthPair({ id: env.AUTH_GOOGLE_ID, secret: env.AUTH_GOOGLE_SECRET }, "AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET", ctx);
  // A mailed link built on the request's Host header would let anyone send a victim a reset link to their own site.
  if (env.SMTP_URL && !env.KOZA_PUBLIC_URL)
    ctx.addIssue({ code: "custom", message: "KOZA_PUBLIC_URL is not set: mail links need it when SMTP_URL is set" });
});

export type Env = z.output<typeof EnvSchema>;

/**
 * The validated environment. Read on each call, not cached: it is cheap, and tests change variables between cases.
 * `source` is for tests and scripts that describe another process's environment.
 */
export function readEnv(source: EnvSource = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new EnvError(parsed.error.issues[0]?.message ?? "the environment is not valid");
  return parsed.data;
}

/** The embedded mode's data folder (KOZA_DATA_DIR or .data/ in the project); its rule lives in data-dir.mjs. */
export function dataFolder(env: Env = readEnv()): string {
  return dataDir(env, process.cwd());
}

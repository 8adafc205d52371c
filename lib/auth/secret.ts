// Owns AUTH_SECRET for the app: the environment's, or the embedded mode's generated one (the rule is in lib/data-dir.mjs,
// shared with `npm start`).
import { authSecret } from "@/lib/data-dir.mjs";
import { readEnv, type Env } from "@/lib/env";

export { MissingSecretError } from "@/lib/data-dir.mjs";

export function resolveAuthSecret(env: Env = readEnv(), { create = true } = {}): string {
  return authSecret(env, process.cwd(), { create });
}

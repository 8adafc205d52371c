// Owns how command-line scripts report failure: one clear line and a non-zero exit, never a stack trace.
import { DatabaseConfigError, describeConnectionError, resolveDatabaseConfig } from "../../lib/db/config";
import { MigrationError } from "../../lib/db/migrate";
import { EnvError } from "../../lib/env";
import { ContentError } from "../../lib/content/loader";

export async function runCli(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    console.error(`${name}: ${explain(error)}`);
    if (process.env.KOZA_DEBUG) console.error(error);
    process.exit(1);
  }
}

function explain(error: unknown): string {
  if (error instanceof EnvError || error instanceof DatabaseConfigError || error instanceof MigrationError) return error.message;
  if (error instanceof ContentError) return error.message;
  const e = error as { code?: string; message?: string; cause?: unknown };
  if (e?.code && /^(E[A-Z]+|28P01|28000|3D000)$/.test(e.code)) {
    try {
      return describeConnectionError(error, resolveDatabaseConfig());
    } catch (inner) {
      return (inner as Error).message;
    }
  }
  return String(e?.message ?? error).split("\n")[0];
}

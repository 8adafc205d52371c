// `npm run db:migrate`: applies pending migrations to the configured database.
import { resolveDatabaseConfig } from "../lib/db/config";
import { applyMigrations } from "../lib/db/migrate";
import { openRunner } from "../lib/db/sql";
import { runCli } from "./lib/cli";

export async function migrate(): Promise<void> {
  const config = resolveDatabaseConfig();
  const runner = await openRunner(config);
  try {
    const result = await applyMigrations(runner);
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    console.log(
      result.applied.length
        ? `Applied ${result.applied.length} migration(s) to ${config.kind}: ${result.applied.join(", ")}`
        : `Database (${config.kind}) is up to date: ${result.alreadyApplied} migration(s) applied, none pending.`,
    );
  } finally {
    await runner.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli("db:migrate", migrate);

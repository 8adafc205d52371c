// `npm run db:seed`: loads content (idempotent); in the embedded/demo mode also the demo accounts.
import { loadCourse } from "../lib/content/loader";
import { unsafeSeedContent } from "../lib/dal/content-seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, unsafeSeedDemo } from "../lib/dal/demo-seed";
import { db } from "../lib/db/client";
import { isProductionDatabase } from "../lib/data-dir.mjs";
import { readEnv } from "../lib/env";
import { runCli } from "./lib/cli";

export async function seed(): Promise<void> {
  const course = loadCourse();
  try {
    const report = await unsafeSeedContent(course);
    console.log(`Content: ${JSON.stringify(report)}`);
    if (isProductionDatabase(readEnv())) console.log("Production database: no demo accounts created.");
    else {
      const demo = await unsafeSeedDemo();
      console.log(
        demo.created
          ? `Demo: created ${demo.created} record(s); sign in as ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")} with password ${DEMO_PASSWORD}`
          : "Demo: accounts already present.",
      );
    }
  } finally {
    await db().$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli("db:seed", seed);

// Adds the bench's class of N students with results (bench/score-table.ts seedScores; default 2,000) to the configured
// database and makes the demo instructor one of its teachers: the class whose page bench/first-load-js.ts weighs.
//   KOZA_DATA_DIR=… node_modules/.bin/tsx --conditions=react-server bench/seed-big-class.ts [N]
import { db } from "@/lib/db/client";
import { resolveDatabaseConfig } from "@/lib/db/config";
import { openRunner } from "@/lib/db/sql";
import type { Backend } from "./backends";
import { seedScores } from "./score-table";

export const BIG_CLASS_ID = "bench-class";

const students = Number(process.argv[2] ?? 2000);
const config = resolveDatabaseConfig();
const runner = await openRunner(config);
try {
  const backend: Backend = { kind: config.kind, db: db(), runner, meter: { dbCpu: async () => null }, dispose: async () => undefined };
  await seedScores(backend, students);
  await runner.query(
    `INSERT INTO "ClassInstructor" ("classId", "userId") SELECT $1, id FROM "User" WHERE email = 'instructor@koza.test' ON CONFLICT DO NOTHING`,
    [BIG_CLASS_ID],
  );
  console.log(`seeded class ${BIG_CLASS_ID} with ${students} students`);
} finally {
  await db().$disconnect();
  await runner.close();
}

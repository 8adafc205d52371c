// Adds the bench's class of N students with results (bench/score-table.ts seedScores; default 2,000) to the configured
// database and makes the demo instructor one of its teachers: the class whose page bench/first-load-js.ts weighs.
// Raw SQL only, through one connection: the content is already seeded (scripts/db-setup.ts), and a second client
// on the same embedded database would be a second PGlite on one data folder.
//   KOZA_DATA_DIR=… node_modules/.bin/tsx --conditions=react-server bench/seed-big-class.ts [N]
import { resolveDatabaseConfig } from "@/lib/db/config";
import { openRunner } from "@/lib/db/sql";
import { seedScores } from "./score-table";

export const BIG_CLASS_ID = "bench-class";

const students = Number(process.argv[2] ?? 2000);
const config = resolveDatabaseConfig();
const runner = await openRunner(config);
try {
  await seedScores({ runner }, students, { seedContent: false });
  await runner.query(
    `INSERT INTO "ClassInstructor" ("classId", "userId") SELECT $1, id FROM "User" WHERE email = 'instructor@koza.test' ON CONFLICT DO NOTHING`,
    [BIG_CLASS_ID],
  );
  console.log(`seeded class ${BIG_CLASS_ID} with ${students} students`);
} finally {
  await runner.close();
}

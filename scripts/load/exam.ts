// `npm run load -- --exam N [--compression 100] [--instances 1|2] [--base-port P] [--start-burst M]`: a class exam over real HTTP, then verified.
//
// Starts `next start` on the production build in .next (built first when missing) over a fresh database: PGlite in a
// temp folder, or, with DATABASE_URL set, a throwaway database koza_load_<pid> on that loopback PostgreSQL server.
// N students sign in, start the assigned 16-question quiz at the same moment, answer 2 questions per page over 8 pages
// with 30–90 s think time per page divided by the compression factor (autosaving and retrying as the page does),
// and submit. With --start-burst M, M more students (already signed in) press Start at the same moment and stay on
// the page: 2,000 students at real think time are N = 20 at 100× plus a start burst of 2,000.
// Then every attempt is checked in the database. Prints the figures and writes bench/load-results.json;
// exits 1 when an answer was lost or an attempt was not graded exactly once.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LoadSetupError } from "./app-instances";
import { formatResult, runExamLoad, runLoadCli } from "./run-exam";

const root = path.resolve(import.meta.dirname, "..", "..");

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      exam: { type: "string" },
      compression: { type: "string", default: "100" },
      instances: { type: "string", default: "1" },
      "base-port": { type: "string" },
      "time-limit": { type: "string", default: "900" },
      "start-burst": { type: "string", default: "0" },
    },
  });
  if (!values.exam) throw new LoadSetupError("say how many students: npm run load -- --exam 20");
  const instances = Number(values.instances);
  if (instances !== 1 && instances !== 2) throw new LoadSetupError("--instances must be 1 or 2");
  const basePort = values["base-port"] ? Number(values["base-port"]) : undefined;
  if (basePort !== undefined && !(Number.isInteger(basePort) && basePort >= 1024 && basePort < 65535))
    throw new LoadSetupError("--base-port must be a port number from 1024 to 65534");
  const startBurst = Number(values["start-burst"]);
  if (!Number.isInteger(startBurst) || startBurst < 0 || startBurst > 20_000)
    throw new LoadSetupError("--start-burst must be a whole number of students from 0 to 20000");
  const result = await runExamLoad({
    startBurst,
    root,
    students: Number(values.exam),
    compression: Number(values.compression),
    instances,
    basePort,
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
    thinkSeconds: [30, 90],
    questionsPerPage: 2,
    timeLimitSeconds: Number(values["time-limit"]),
    log: (line) => console.log(`[load] ${line}`),
  });
  console.log(formatResult(result));
  const file = path.join(root, "bench", "load-results.json");
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`[load] wrote ${path.relative(root, file)}`);
  return result.ok ? 0 : 1;
}

runLoadCli("load", main);

// `npm run test:load`: 200 students on two instances behind one PostgreSQL; one instance is SIGKILLed mid-exam and
// restarted. Passes only when the run completes, every attempt is graded exactly once and no answer is lost.
//
// Needs a loopback PostgreSQL server: TEST_DATABASE_URL (or DATABASE_URL), e.g. the throwaway one .ci/run starts; a
// database koza_load_<pid> is created on it and dropped afterwards. Builds .next first when it is missing.
import path from "node:path";
import { parseArgs } from "node:util";
import { LoadSetupError } from "./app-instances";
import { QUESTION_COUNT } from "./exam-database";
import { formatResult, runExamLoad, runLoadCli } from "./run-exam";

const root = path.resolve(import.meta.dirname, "..", "..");

async function main(): Promise<number> {
  // --students: a smaller class for a quick local check; CI runs the default 200.
  const { values } = parseArgs({ options: { students: { type: "string", default: "200" } } });
  const STUDENTS = Number(values.students);
  const databaseUrl = (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL)?.trim();
  if (!databaseUrl) throw new LoadSetupError("test:load needs PostgreSQL: set TEST_DATABASE_URL to a loopback postgres:// URL");
  const expectedSaves = STUDENTS * QUESTION_COUNT;
  const result = await runExamLoad({
    root,
    students: STUDENTS,
    compression: 100,
    instances: 2,
    databaseUrl,
    thinkSeconds: [30, 90],
    questionsPerPage: 2,
    timeLimitSeconds: 420,
    // Mid-exam: about a third of the saves are done, many are in flight, nobody has submitted yet.
    fault: { afterSaves: Math.round(expectedSaves / 3), instance: 1, downMs: 2000 },
    log: (line) => console.log(`[test:load] ${line}`),
  });
  console.log(formatResult(result));
  const failures = [
    ...(result.fault?.restarted ? [] : ["the killed instance was not restarted"]),
    ...(Object.keys(result.studentFailures).length ? [`students could not finish: ${JSON.stringify(result.studentFailures)}`] : []),
    ...(result.verification.gradedOnce === result.verification.students
      ? []
      : [`${result.verification.students - result.verification.gradedOnce} attempt(s) not graded exactly once`]),
    ...(result.verification.lostAnswers === 0 ? [] : [`${result.verification.lostAnswers} answer(s) lost`]),
  ];
  if (failures.length) {
    console.error(`test:load FAILED: ${failures.join("; ")}`);
    return 1;
  }
  console.log("test:load passed: an instance was killed mid-exam; every attempt graded exactly once, no answer lost.");
  return 0;
}

runLoadCli("test:load", main);

// Owns the embedded database files under .data/: opening PGlite there, and a lock so two processes never share them.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, accessSync, constants } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DatabaseConfigError } from "./config";

const held = new Map<string, string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is single-process: a second process opening the same folder would corrupt it.
 * A pid lock file beside the data folder makes that a clear error instead; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): void {
  if (held.has(dataDir)) return;
  const parent = path.dirname(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw new DatabaseConfigError(
      `the data folder ${parent} is not writable (${(e as NodeJS.ErrnoException).code}); fix its permissions or set KOZA_DATA_DIR`,
    );
  }
  const lockFile = `${dataDir}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.set(dataDir, lockFile);
      process.once("exit", () => releaseDataDir(dataDir));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(lockFile, "utf8").trim());
      if (pid === process.pid) {
        held.set(dataDir, lockFile);
        return;
      }
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid))
        throw new DatabaseConfigError(
          `the embedded database ${dataDir} is in use by another Koza process (pid ${pid}); stop it first, or set DATABASE_URL`,
        );
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseConfigError(`could not lock the embedded database ${dataDir}`);
}

export function releaseDataDir(dataDir: string): void {
  const lockFile = held.get(dataDir);
  if (!lockFile) return;
  held.delete(dataDir);
  try {
    if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) rmSync(lockFile, { force: true });
  } catch {
    // already gone
  }
}

export async function openPglite(dataDir: string): Promise<PGlite> {
  lockDataDir(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      releaseDataDir(dataDir);
    };
    return db;
  } catch (e) {
    releaseDataDir(dataDir);
    throw new DatabaseConfigError(`the embedded database ${dataDir} could not be opened: ${String((e as Error).message).split("\n")[0]}`);
  }
}

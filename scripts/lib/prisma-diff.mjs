// Owns running Prisma 6's offline schema diff (tools/prisma-diff) — shared by `npm run db:diff` and the drift test.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
export const TOOLS_DIR = path.join(root, "tools", "prisma-diff");

/** Installs the tools folder from its lock file when missing (npm registry only; nothing else downloads). */
export function ensureDiffTool() {
  if (existsSync(path.join(TOOLS_DIR, "node_modules", "prisma", "package.json"))) return;
  execFileSync("npm", ["ci", "--prefix", TOOLS_DIR, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    stdio: "inherit",
  });
}

/** Rewrites a Prisma 7 schema into what Prisma 6's CLI accepts (prisma-client-js generator, a placeholder url). */
export function toPrisma6Schema(source) {
  return source
    .replace(/generator\s+client\s*\{[^}]*\}/, 'generator client {\n  provider = "prisma-client-js"\n}')
    .replace(/datasource\s+db\s*\{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://localhost/unused"\n}');
}

const EMPTY_SCHEMA = toPrisma6Schema("generator client {}\ndatasource db {}\n");

/** SQL that turns a database described by `fromSource` (null: empty) into one described by `toSource`. */
export function diffSchemas(fromSource, toSource) {
  ensureDiffTool();
  const dir = mkdtempSync(path.join(tmpdir(), "koza-diff-"));
  const from = path.join(dir, "from.prisma");
  const to = path.join(dir, "to.prisma");
  writeFileSync(from, fromSource ? toPrisma6Schema(fromSource) : EMPTY_SCHEMA);
  writeFileSync(to, toPrisma6Schema(toSource));
  return execFileSync(
    path.join(TOOLS_DIR, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      cwd: TOOLS_DIR,
      encoding: "utf8",
      // The JS schema engine needs no native library; pointing at /bin/true stops Prisma 6 from fetching one.
      env: { ...process.env, PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

export function readSchema() {
  return readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
}

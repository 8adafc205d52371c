// `npm run db:diff -- <name>`: writes the next migration from the change to prisma/schema.prisma, offline.
// The schema as of the last migration is kept in prisma/migrations-head.prisma, because Prisma 6's
// `--from-migrations` does not work with the JS engine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSchemas, readSchema } from "./lib/prisma-diff.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff -- <name>   (lowercase letters, digits and underscores)");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const headFile = path.join(root, "prisma", "migrations-head.prisma");
const current = readSchema();
const head = existsSync(headFile) ? readFileSync(headFile, "utf8") : null;
const sql = diffSchemas(head, current);
if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
  console.log("No schema changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
writeFileSync(headFile, current);
console.log(`Wrote ${path.relative(root, dir)}/migration.sql — review it, then run npm run db:migrate.`);

// Koza's own lint rules (guard rails for the architecture in DESIGN.md §4), loaded by eslint.config.mjs.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = import.meta.dirname;
const serverOnlyCache = new Map();

/** Whether the module an "@/…" import names declares itself server-only (its file imports "server-only"). */
function isServerOnlyModule(source) {
  if (source === "server-only") return true;
  if (!source.startsWith("@/")) return false;
  if (serverOnlyCache.has(source)) return serverOnlyCache.get(source);
  const base = path.join(root, source.slice(2));
  const file = [".ts", ".tsx", "/index.ts", "/index.tsx", ""].map((ext) => base + ext).find((f) => existsSync(f) && !f.endsWith("/"));
  const result = Boolean(file) && /^\s*import\s+["']server-only["'];?/m.test(readFileSync(file, "utf8"));
  serverOnlyCache.set(source, result);
  return result;
}

/** "use client" files must not import a server-only module (type-only imports are erased, so they are fine). */
const noServerOnlyInClient = {
  meta: {
    type: "problem",
    docs: { description: "A client component must not import a server-only module" },
    messages: {
      serverOnly: '{{source}} is server-only (it imports "server-only"); a client component may only import its types (import type …).',
    },
    schema: [],
  },
  create(context) {
    let isClient = false;
    return {
      Program(node) {
        isClient = node.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
      },
      ImportDeclaration(node) {
        if (!isClient || node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) return;
        if (isServerOnlyModule(node.source.value)) context.report({ node, messageId: "serverOnly", data: { source: node.source.value } });
      },
    };
  },
};

export const kozaPlugin = { rules: { "no-server-only-in-client": noServerOnlyInClient } };

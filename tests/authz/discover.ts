// Finds every server action and every page/route in the source tree, so tests that must cover all of them (the
// authorization matrix, the fuzz) notice a new one without being told.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every exported function of every 'use server' module in lib/actions, named "<module>.<export>". */
export async function discoverActions(): Promise<{ name: string; fn: (...args: unknown[]) => Promise<unknown> }[]> {
  const dir = path.join(ROOT, "lib/actions");
  const found: { name: string; fn: (...args: unknown[]) => Promise<unknown> }[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f))
    .sort()) {
    if (!/^\s*["']use server["']/.test(readFileSync(path.join(dir, file), "utf8"))) continue;
    const mod = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, unknown>;
    const base = file.replace(/\.tsx?$/, "");
    for (const [name, value] of Object.entries(mod))
      if (typeof value === "function") found.push({ name: `${base}.${name}`, fn: value as (...args: unknown[]) => Promise<unknown> });
  }
  return found;
}

/** URL patterns of every app/**\/page.* and route.* (route groups dropped, private _folders skipped). */
export function discoverRoutes(): string[] {
  const appDir = path.join(ROOT, "app");
  const entries = readdirSync(appDir, { recursive: true, encoding: "utf8" });
  const routes = new Set<string>();
  for (const rel of entries) {
    const parts = rel.split(path.sep);
    const file = parts.pop()!;
    if (!/^(page|route)\.(tsx?|jsx?)$/.test(file)) continue;
    if (parts.some((p) => p.startsWith("_"))) continue;
    routes.add("/" + parts.filter((p) => !/^\(.*\)$/.test(p) && !p.startsWith("@")).join("/"));
  }
  return [...routes].sort();
}

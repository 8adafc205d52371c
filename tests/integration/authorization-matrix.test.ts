// The authorization matrix (tests/authz/matrix.ts) against the real database: every action and route has a row,
// and every cell is exercised — allow must succeed, deny must fail and change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { ACTORS, PUBLIC_ACTIONS, actionMatrix, routeMatrix, type Actor } from "@/tests/authz/matrix";
import { actionCases, buildFixture, routeProbes, type Fixture } from "@/tests/authz/cases";
import { settle } from "@/tests/support/next";
import { discoverActions, discoverRoutes } from "@/tests/authz/discover";
import { NotFoundError } from "@/lib/dal/errors";
import { CONTENT_TABLES, REQUEST_COUNTER_TABLES, truncateAll, withTestDatabase, type TestDatabase } from "./support/database";
import { seedCourse } from "./support/fixtures";
import { signInAs } from "./support/session";

const database = withTestDatabase();
// The course content is seeded once; every cell resets everything else.
beforeAll(async () => {
  await seedCourse();
});

async function discoverActionNames(): Promise<string[]> {
  return (await discoverActions()).map((a) => a.name);
}

/** Every row of every table but the migration record and request counters, so "nothing changed" means exactly that. */
async function snapshot(t: TestDatabase): Promise<Record<string, string[]>> {
  const tables = await t.runner.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables.filter((t) => !REQUEST_COUNTER_TABLES.includes(t.tablename))) {
    const rows = await t.runner.query<{ j: string }>(`SELECT row_to_json(r)::text AS j FROM "${tablename}" r`);
    out[tablename] = rows.map((r) => r.j).sort();
  }
  return out;
}

async function freshFixture(): Promise<Fixture> {
  const t = database();
  await truncateAll(t, { keep: CONTENT_TABLES });
  signInAs(null);
  return buildFixture(t.db);
}

function signInActor(f: Fixture, actor: Actor): void {
  signInAs(actor === "anonymous" ? null : f.users[actor].id);
}

describe("coverage: every action and route has a row", () => {
  it("every exported server action has a row (or is a listed public one)", async () => {
    const missing = (await discoverActionNames()).filter((name) => !(name in actionMatrix) && !PUBLIC_ACTIONS.includes(name));
    expect(missing, "add these to actionMatrix in tests/authz/matrix.ts").toEqual([]);
  });

  it("every page and route handler has a row", () => {
    const missing = discoverRoutes().filter((route) => !(route in routeMatrix));
    expect(missing, "add these to routeMatrix in tests/authz/matrix.ts").toEqual([]);
  });

  it("every row names every actor", () => {
    for (const row of [...Object.values(actionMatrix), ...Object.values(routeMatrix)])
      expect(Object.keys(row).sort()).toEqual([...ACTORS].sort());
  });
});

describe("actions", () => {
  let existing: Set<string>;
  beforeAll(async () => {
    existing = new Set(await discoverActionNames());
  });

  for (const [name, row] of Object.entries(actionMatrix)) {
    const run = actionCases[name];
    if (!run) {
      // A row whose cells never run proves nothing: a missing case is a failure, not a todo.
      it(`${name} has an input builder`, () => {
        throw new Error(`${name}: add an input builder to actionCases in tests/authz/cases.ts`);
      });
      continue;
    }
    describe(name, () => {
      for (const actor of ACTORS) {
        it(`${actor} → ${row[actor]}`, async () => {
          if (!existing.has(name)) throw new Error(`${name} has a case but no such action exists`);
          const f = await freshFixture();
          const before = await snapshot(database());
          signInActor(f, actor);
          const outcome = await settle(() => run(f));
          signInAs(null);
          if (outcome.kind === "error") throw outcome.error;
          if (row[actor] === "allow") {
            if (outcome.kind === "value") expect(outcome.value).toMatchObject({ ok: true });
            else expect(outcome.kind).toBe("redirect");
          } else {
            expect(outcome).toMatchObject({ kind: "value", value: { ok: false } });
            expect(await snapshot(database())).toEqual(before);
          }
        });
      }
    });
  }
});

describe("routes", () => {
  let f: Fixture;
  let routes: Set<string>;
  beforeAll(async () => {
    routes = new Set(discoverRoutes());
    f = await freshFixture();
  });

  for (const [route, row] of Object.entries(routeMatrix)) {
    const probe = routeProbes[route];
    if (!probe) {
      it(`${route} has a probe`, () => {
        throw new Error(`${route}: add a probe to routeProbes in tests/authz/cases.ts`);
      });
      continue;
    }
    describe(route, () => {
      for (const actor of ACTORS) {
        it(`${actor} → ${row[actor]}`, async () => {
          if (!routes.has(route)) throw new Error(`${route} has a probe but no such route exists`);
          signInActor(f, actor);
          const outcome = await settle(() => probe(f));
          signInAs(null);
          if (outcome.kind === "error" && !(outcome.error instanceof NotFoundError)) throw outcome.error;
          const denied = outcome.kind === "redirect" || outcome.kind === "not-found" || outcome.kind === "error";
          expect(denied ? "deny" : "allow").toBe(row[actor]);
          if (outcome.kind === "redirect") expect(outcome.url).toMatch(/^\/signin\?next=/);
        });
      }
    });
  }
});

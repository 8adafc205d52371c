// Integration set-up: a real database per worker (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set),
// and the session seam replaced so tests can act as any account. Nothing about the database is mocked.
import { vi } from "vitest";
import { testCurrentSession, testRequest } from "./support/session";

// The embedded secret would otherwise be generated under .data/ of the checkout.
process.env.AUTH_SECRET ??= "integration-test-secret";

// next-auth's signIn/signOut set cookies and redirect inside a live Next request; the tests call the actions around
// them and check what they were asked to do. Everything else in lib/auth/config is real, /api/auth handlers included.
// The client address is what the test request says (the trusted-hops rule has its own unit test).
vi.mock("@/lib/auth/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/config")>()),
  signIn: vi.fn(async () => undefined),
  signOut: vi.fn(async () => undefined),
  clientIp: (h: Headers | undefined) => h?.get("x-forwarded-for") ?? null,
}));

vi.mock("@/lib/auth/session", () => ({
  currentSession: () => testCurrentSession(),
}));

// Outside a Next.js request there is no cache to revalidate.
vi.mock("next/cache", () => ({
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
}));

// Outside a Next.js request there are no request headers; tests that need some set testRequest.headers.
vi.mock("next/headers", () => ({
  headers: async () => testRequest.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined }),
}));

// Integration set-up: a real database per worker (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is set),
// and the session seam replaced so tests can act as any account. Nothing about the database is mocked.
import { vi } from "vitest";
import { testCurrentSession, testRequest } from "./support/session";

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

// Prisma CLI config (v7): the schema location. Runtime connections are made by lib/db, never from here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});

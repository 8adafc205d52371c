import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";
import { kozaPlugin } from "./eslint-rules.mjs";

const config = [
  ...next,
  ...ts,
  {
    ignores: ["node_modules/**", ".next/**", "lib/generated/**", "tools/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // DESIGN.md §4: the data access layer is the only way to the database, so every query is scoped by the viewer.
    files: ["app/**", "lib/**"],
    ignores: ["lib/dal/**", "lib/db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/db/client", message: "Only lib/dal queries the database: add or use a DAL function (it scopes by the viewer)." }] },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts", "lib/**/*.tsx", "lib/**/*.ts"],
    plugins: { koza: kozaPlugin },
    rules: { "koza/no-server-only-in-client": "error" },
  },
];
export default config;

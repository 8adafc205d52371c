import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";
import { kozaPlugin } from "./eslint-rules.mjs";

const config = [
  ...next,
  ...ts,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "tools/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
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
        {
          paths: [
            { name: "@/lib/db/client", message: "Only lib/dal queries the database: add or use a DAL function (it scopes by the viewer)." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts", "lib/**/*.tsx", "lib/**/*.ts"],
    plugins: { koza: kozaPlugin },
    rules: { "koza/no-server-only-in-client": "error" },
  },
  {
    // lib/env.ts validates every variable once; everything else asks it, so a bad value is one clear sentence.
    files: ["app/**", "lib/**"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through readEnv() from lib/env.ts." },
      ],
    },
  },
];
export default config;

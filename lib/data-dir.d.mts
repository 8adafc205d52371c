// Types for data-dir.mjs (plain JavaScript shared with scripts/start.mjs).
type EmbeddedEnv = {
  KOZA_DATA_DIR?: string;
  AUTH_SECRET?: string;
  NODE_ENV?: string;
  DATABASE_URL?: string;
};

export declare class MissingSecretError extends Error {}
export declare function dataDir(env: EmbeddedEnv, root: string): string;
export declare function isProductionDatabase(env: EmbeddedEnv): boolean;
export declare function authSecret(env: EmbeddedEnv, root: string, options?: { create?: boolean }): string;

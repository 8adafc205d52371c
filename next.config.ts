import type { NextConfig } from "next";
import { securityHeaders, securityHeadersWithoutFraming } from "./lib/security/headers";
import { FRAME_COOKIE } from "./lib/lti/frame";

// Everything but /api/lti/*, whose route handlers set their own headers (framable by registered LMS origins).
const NOT_LTI_API = ["/", "/:path((?!api/lti/).+)"];

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder; bundling would break those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "nodemailer"],
  poweredByHeader: false,
  // scripts/serve.mjs compresses instead (scripts/compress-responses.mjs says why); `next dev` serves uncompressed.
  compress: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: "256kb" },
  },
  async headers() {
    const isDev = process.env.NODE_ENV !== "production";
    const frameCookie = [{ type: "cookie" as const, key: FRAME_COOKIE }];
    return NOT_LTI_API.flatMap((source) => [
      { source, missing: frameCookie, headers: securityHeaders(isDev) },
      // After an LTI launch (inside the LMS frame): proxy.ts adds the CSP and framing rules from the verified cookie.
      { source, has: frameCookie, headers: securityHeadersWithoutFraming(isDev) },
    ]);
  },
};

export default nextConfig;

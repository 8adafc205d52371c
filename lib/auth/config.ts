// Owns next-auth: Credentials (rate-limited, generic errors) plus GitHub/Google when their env vars are set; JWT sessions.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { readEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";
import { clientIp } from "./client-ip";
import { checkCredentialsThrottled } from "./credentials";
import { unsafeEndSessionsIfCurrent, unsafeSessionVersion, unsafeUpsertOAuthAccount } from "@/lib/dal/accounts";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

// Re-exported so sign-in code has one import; the rule (trusted hops, counted from the right) lives in client-ip.ts.
export { clientIp };

function oauthProviders() {
  const env = readEnv();
  const providers = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(GitHub);
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) providers.push(Google);
  return providers;
}

export const enabledOAuthProviders = (): { id: string; name: string }[] =>
  oauthProviders().map((p) => ({ id: p === GitHub ? "github" : "google", name: p === GitHub ? "GitHub" : "Google" }));

const config: NextAuthConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const outcome = await checkCredentialsThrottled(raw, request?.headers);
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "rate-limited") throw new RateLimitedSignin();
        return null;
      },
    }),
    ...oauthProviders(),
  ],
  events: {
    // Our sign-out button already ended every session (lib/actions/auth.ts); this covers next-auth's own
    // /api/auth/signout endpoint, which would otherwise only drop this browser's cookie.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sub !== "string") return;
      await unsafeEndSessionsIfCurrent(token.sub, typeof token.sv === "number" ? token.sv : 0);
    },
  },
  callbacks: {
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== "credentials" && profile?.email) {
        const linked = await unsafeUpsertOAuthAccount({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: profile.email,
          name: String(profile.name ?? ""),
        });
        token.sub = linked.id;
        token.role = linked.role;
      } else if (user) {
        token.sub = user.id;
        // Display only: everything that matters re-reads the role from the database (getViewer).
        token.role = user.role;
      }
      // Only at sign-in (account is set then, never on later reads or "update" calls a client can trigger): the token
      // keeps the version it was issued under, and getViewer() refuses it once the account's version moves on.
      if (account && token.sub) token.sv = await unsafeSessionVersion(token.sub);
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        // No sub, no id: currentSession() then reads no session at all.
        if (token.sub) session.user.id = token.sub;
        session.user.role = token.role;
      }
      session.sessionVersion = token.sv;
      return session;
    },
  },
};

// Lazy: the secret is resolved on first use, so `next build` neither needs AUTH_SECRET nor writes one.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({ ...config, secret: resolveAuthSecret() }));

// Owns what Koza adds to next-auth's session, user and token types, declared once so no code casts a session.
import type { Role } from "@/lib/dal/viewer";

declare module "@auth/core/types" {
  interface User {
    /** Set by the credentials provider (the account's role at sign-in); OAuth profiles carry none. */
    role?: Role;
  }
  interface Session {
    /** The account's session version when the token was issued (absent in tokens older than session versions). */
    sessionVersion?: number | null;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The role at sign-in, for display only: anything that matters re-reads it from the database (getViewer). */
    role?: Role;
    /** The session version the token was issued under; getViewer() refuses it once the account's version moves on. */
    sv?: number | null;
  }
}

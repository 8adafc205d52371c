// Owns reading the session's user id from next-auth; the one seam integration tests replace.
import "server-only";
import { auth } from "./config";

export async function currentSessionUserId(): Promise<string | null> {
  const session = await auth();
  const id = (session?.user as { id?: string } | undefined)?.id;
  return typeof id === "string" && id.length > 0 ? id : null;
}

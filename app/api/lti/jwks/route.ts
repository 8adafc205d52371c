// Koza's public key set (RSA, RS256) for platforms verifying the messages and client assertions Koza signs.
import { publicKeySet } from "@/lib/dal/lti/keys";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await publicKeySet(), { headers: { "cache-control": "public, max-age=300" } });
}

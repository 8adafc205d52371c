// Owns Koza's own LTI signing key: an RSA key generated once and kept in the database. The private half is read only
// here, to sign; it never leaves the server (not in logs, pages, exports or the published key set).
import "server-only";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { db } from "@/lib/db/client";

export type SigningKey = { kid: string; key: CryptoKey };

let cached: SigningKey | null = null;

/** The newest unretired key, generated (and stored) on first use. */
export async function unsafeSigningKey(): Promise<SigningKey> {
  if (cached) return cached;
  let row = await db().ltiKey.findFirst({
    where: { retiredAt: null },
    orderBy: { createdAt: "desc" },
    select: { kid: true, privateJwk: true },
  });
  if (!row) {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
    await db().ltiKey.create({ data: { kid, publicJwk, privateJwk } });
    row = { kid, privateJwk };
  }
  cached = { kid: row.kid, key: (await importJWK(row.privateJwk as JWK, "RS256")) as CryptoKey };
  return cached;
}

/** Koza's public key set: every key not yet removed (a retired key stays until nothing signed with it is in flight). */
export async function publicKeySet(): Promise<{ keys: JWK[] }> {
  await unsafeSigningKey();
  const rows = await db().ltiKey.findMany({ orderBy: { createdAt: "asc" }, select: { publicJwk: true } });
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}

/** Rotation: retire the current key and start signing with a new one (the old one stays published). */
export async function unsafeRotateSigningKey(): Promise<string> {
  await db().ltiKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
  cached = null;
  return (await unsafeSigningKey()).kid;
}

/** Tests: forget the in-memory key after the database is emptied. */
export function resetSigningKeyCache(): void {
  cached = null;
}

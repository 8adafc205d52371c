// Owns Koza's own LTI signing key: an RSA key generated once and kept in the database. The private half is read only
// here, to sign; it never leaves the server (not in logs, pages, exports or the published key set).
import "server-only";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { db } from "@/lib/db/client";

export type SigningKey = { kid: string; key: CryptoKey };

/**
 * How long a process signs with the key it read before looking again. Rotation runs in another process (the admin
 * command) or on another instance, so a cached key must expire; until it does, it signs with the retired key, which
 * is still published, so nothing it signed fails to verify.
 */
const KEY_CACHE_MS = 60_000;

/**
 * How long a retired key stays in the published key set. Koza's signed JWTs live minutes (client assertions 5 min,
 * deep-linking answers 5 min), and platforms cache a tool's key set (we ask for 5 min; some keep it longer), so after a
 * day nothing signed with the key can still be in flight or checked against a cached copy: it is unused.
 */
export const RETIRED_KEY_PUBLISHED_MS = 24 * 60 * 60 * 1000;

let cached: { signing: SigningKey; readAt: number } | null = null;

async function generateKey(): Promise<{ kid: string; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = randomUUID();
  return {
    kid,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256" },
  };
}

async function newKeyRow(): Promise<{ kid: string; privateJwk: JWK }> {
  const key = await generateKey();
  await db().ltiKey.create({ data: { kid: key.kid, publicJwk: key.publicJwk, privateJwk: key.privateJwk } });
  return key;
}

/** The newest unretired key, generated (and stored) on first use. */
export async function unsafeSigningKey(now = Date.now()): Promise<SigningKey> {
  if (cached && now - cached.readAt < KEY_CACHE_MS) return cached.signing;
  const row =
    (await db().ltiKey.findFirst({
      where: { retiredAt: null },
      orderBy: { createdAt: "desc" },
      select: { kid: true, privateJwk: true },
    })) ?? (await newKeyRow());
  const signing =
    cached?.signing.kid === row.kid
      ? cached.signing
      : { kid: row.kid, key: (await importJWK(row.privateJwk as JWK, "RS256")) as CryptoKey };
  cached = { signing, readAt: now };
  return signing;
}

/** Koza's public key set: the signing key, and every retired key for a day after it was retired (until unused). */
export async function publicKeySet(now = new Date()): Promise<{ keys: JWK[] }> {
  await unsafeSigningKey();
  const rows = await db().ltiKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS) } }] },
    orderBy: { createdAt: "asc" },
    select: { publicJwk: true },
  });
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}

export type KeyRotation = { kid: string; retired: string[]; removed: string[] };

/**
 * Rotation (`npm run admin -- lti rotate-key`): a new key signs from now on; the current one is retired but stays
 * published until unused (RETIRED_KEY_PUBLISHED_MS); keys retired longer ago than that are deleted. Unscoped (an
 * operator's command, no viewer), hence "unsafe" like the other admin helpers; it never makes a signature fail, since
 * every key that may still be in use stays in the key set. One transaction, so two rotations at once leave one signer.
 */
export async function unsafeRotateSigningKey(now = new Date()): Promise<KeyRotation> {
  const { kid, publicJwk, privateJwk } = await generateKey();
  const result = await db().$transaction(async (tx) => {
    const current = await tx.ltiKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.ltiKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    const stale = await tx.ltiKey.findMany({
      where: { retiredAt: { lte: new Date(now.getTime() - RETIRED_KEY_PUBLISHED_MS) } },
      select: { kid: true },
    });
    await tx.ltiKey.deleteMany({ where: { kid: { in: stale.map((k) => k.kid) } } });
    await tx.ltiKey.create({ data: { kid, publicJwk, privateJwk } });
    return { kid, retired: current.map((k) => k.kid), removed: stale.map((k) => k.kid) };
  });
  cached = null;
  return result;
}

/** Tests: forget the in-memory key after the database is emptied. */
export function resetSigningKeyCache(): void {
  cached = null;
}

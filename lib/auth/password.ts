// Owns password policy and hashing (argon2id at OWASP's recommended parameters).
import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { guessabilityProblem } from "./password-strength";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../quiz/limits";

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const ARGON2_OPTIONS = {
  algorithm: 2 /* Argon2id; the package exports a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Returns a sentence explaining why the password is not acceptable, or null when it is. The email and name are the
 * account's own: a password built from them is weak however long it is.
 */
export function passwordProblem(password: string, email?: string, name?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim() === "") return "A password cannot be only spaces.";
  const chars = [...password];
  if (chars.every((c) => c === chars[0])) return "A password cannot be one character repeated.";
  if (email && password.toLowerCase() === email.toLowerCase()) return "Your password cannot be your email address.";
  return guessabilityProblem(password, [email ?? "", email?.split("@")[0] ?? "", name ?? ""]);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random string, verified against when the email is unknown so timing does not reveal accounts. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword("koza-no-such-account-" + Math.random()));
}

// Owns who may frame Koza: nobody, except after an LTI launch, when the launching platform's registered origins may.
// The launch sets a partitioned cookie naming those origins under an HMAC, so it only exists inside that platform's
// top-level site, and a forged or stale one frames nothing. No Node or Next imports: proxy.ts verifies it too.

export const FRAME_COOKIE = "koza_lti_frame";

const encoder = new TextEncoder();
const b64url = (bytes: ArrayBuffer) => Buffer.from(bytes).toString("base64url");

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`koza-lti-frame:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return b64url(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i;

export async function signFrameOrigins(origins: string[], secret: string): Promise<string> {
  const body = Buffer.from(JSON.stringify(origins.filter((o) => ORIGIN.test(o)))).toString("base64url");
  return `${body}.${await hmac(secret, body)}`;
}

/** The origins a frame cookie names, or [] when it is absent, malformed or not signed by this server. */
export async function verifyFrameOrigins(cookie: string | undefined, secret: string): Promise<string[]> {
  if (!cookie || cookie.length > 4096) return [];
  const [body, mac] = cookie.split(".");
  if (!body || !mac || (await hmac(secret, body)) !== mac) return [];
  try {
    const origins = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown;
    return Array.isArray(origins) ? origins.filter((o): o is string => typeof o === "string" && ORIGIN.test(o)) : [];
  } catch {
    return [];
  }
}

// Owns what a dynamic URL segment may be before any page or route handler uses it: malformed ones are "not found".
//
// Next decodes segments before our code runs: a segment it cannot decode (`%ZZ`, `%E0%A4%A`, `%ED%A0%80`, an encoded
// lone surrogate) gets Next's own 400 and never reaches us, but `%00` arrives as a NUL, and a page called another way
// may get anything. Only the narrow shapes below get past, so no odd byte reaches a query, a redirect URL
// (encodeURIComponent throws on lone surrogates) or a header.
import { ID_MAX_LENGTH, ID_PATTERN } from "./ids";

/** A database id: the same shape actions accept (lib/validation/ids.ts). */
const isRouteId = (raw: string) => raw.length <= ID_MAX_LENGTH && ID_PATTERN.test(raw);
/** A topic slug as authored in content/. */
const SLUG = /^[a-z0-9-]{1,80}$/;
/** A class join code as people type it in a link: letters, digits, dashes, spaces ("abcd efgh ij"). */
const JOIN_CODE = /^[A-Za-z0-9 -]{1,60}$/;

const match =
  (pattern: RegExp | ((raw: string) => boolean)) =>
  (raw: unknown): string | null =>
    typeof raw === "string" && (typeof pattern === "function" ? pattern(raw) : pattern.test(raw)) ? raw : null;

/** The id when it has an id's shape, else null (the caller answers notFound()). */
export const parseRouteId = match(isRouteId);
/** The slug when it has a slug's shape, else null. */
export const parseSlug = match(SLUG);
/** The join code when it could be one, else null. */
export const parseJoinCodeParam = match(JOIN_CODE);

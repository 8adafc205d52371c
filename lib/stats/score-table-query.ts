// Owns the score table's URL state (?page=&size=&sort=&dir=&q=): untrusted search params in, a bounded query out,
// and back to a query string, so the server page, the client table and the CSV link read and write one format.

export const SCORE_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_SCORE_PAGE_SIZE = 50;
/** Longer searches are cut: nobody's name is longer, and the pattern goes into an ILIKE. */
export const SCORE_SEARCH_MAX = 100;

export const SCORE_FIXED_SORTS = ["name", "email", "overall", "attempts", "lastActivity", "status"] as const;
export type ScoreFixedSort = (typeof SCORE_FIXED_SORTS)[number];
/** A fixed column, or `topic:<slug>` for a topic column (the DAL checks the slug is one of the class's topics). */
export type ScoreSort = ScoreFixedSort | `topic:${string}`;
export type SortDirection = "asc" | "desc";

export type ScoreTableQuery = {
  /** 1-based; the DAL clamps it to the last page. */
  page: number;
  size: number;
  sort: ScoreSort;
  dir: SortDirection;
  /** Matches name or email, case-insensitively; "" for everyone. */
  q: string;
};

export const DEFAULT_SCORE_TABLE_QUERY: ScoreTableQuery = { page: 1, size: DEFAULT_SCORE_PAGE_SIZE, sort: "name", dir: "asc", q: "" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const TOPIC_SORT = /^topic:[a-z0-9][a-z0-9-]{0,79}$/;

export function isScoreSort(value: string): value is ScoreSort {
  return (SCORE_FIXED_SORTS as readonly string[]).includes(value) || TOPIC_SORT.test(value);
}

/** Anything malformed falls back to the default for that parameter: a hand-edited URL never breaks the page. */
export function parseScoreTableQuery(params: SearchParams): ScoreTableQuery {
  const page = Number.parseInt(first(params.page) ?? "", 10);
  const size = Number.parseInt(first(params.size) ?? "", 10);
  const sort = first(params.sort) ?? "";
  const dir = first(params.dir);
  // NUL bytes and lone surrogates cannot go to PostgreSQL as text; strip them rather than fail.
  const q = (first(params.q) ?? "")
    .replace(/\0/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .trim()
    .slice(0, SCORE_SEARCH_MAX);
  return {
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 1_000_000) : 1,
    size: (SCORE_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SCORE_PAGE_SIZE,
    sort: isScoreSort(sort) ? sort : "name",
    dir: dir === "desc" ? "desc" : "asc",
    q,
  };
}

/** "?page=2&sort=overall&dir=desc" with defaults left out ("" when everything is the default). */
export function scoreTableSearch(query: ScoreTableQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== DEFAULT_SCORE_TABLE_QUERY.sort) params.set("sort", query.sort);
  if (query.dir !== DEFAULT_SCORE_TABLE_QUERY.dir) params.set("dir", query.dir);
  if (query.size !== DEFAULT_SCORE_TABLE_QUERY.size) params.set("size", String(query.size));
  if (query.page !== 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

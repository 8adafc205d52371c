// Owns the roster's paging parameter (?roster=N), shared by the Students and Assignments tabs (whose pickers list the
// same page of students).

/** Roster rows per page: what keeps a class page's HTML bounded at any class size. */
export const ROSTER_PAGE_SIZE = 25;

export function rosterPageParam(search: Record<string, string | string[] | undefined>): number {
  const raw = Number.parseInt(String(Array.isArray(search.roster) ? search.roster[0] : (search.roster ?? "")), 10);
  return Number.isSafeInteger(raw) && raw >= 1 ? raw : 1;
}

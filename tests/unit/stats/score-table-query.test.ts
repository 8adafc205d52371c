// The score table's URL state: hostile or hand-edited search params become a bounded query, and back.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORE_TABLE_QUERY, parseScoreTableQuery, scoreTableSearch } from "@/lib/stats/score-table-query";

describe("parseScoreTableQuery", () => {
  it("parses hostile search params into a bounded query", () => {
    expect(parseScoreTableQuery({ page: "-3", size: "100000", sort: "'; DROP TABLE", dir: "sideways", q: ["a\0b", "c"] })).toEqual({
      ...DEFAULT_SCORE_TABLE_QUERY,
      q: "ab",
    });
    expect(parseScoreTableQuery({ q: "x".repeat(500) + "\uD800" }).q).toHaveLength(100);
    expect(parseScoreTableQuery({ q: "\u0000bob\uDC00" }).q).toBe("bob");
    expect(parseScoreTableQuery({ sort: "topic:plaza-accord", dir: "desc", page: "4", size: "100" })).toEqual({
      page: 4,
      size: 100,
      sort: "topic:plaza-accord",
      dir: "desc",
      q: "",
    });
  });

  it("round-trips through scoreTableSearch, leaving defaults out", () => {
    expect(scoreTableSearch(DEFAULT_SCORE_TABLE_QUERY)).toBe("");
    const q = { page: 3, size: 25, sort: "topic:plaza-accord" as const, dir: "desc" as const, q: "ann & bob" };
    const search = scoreTableSearch(q);
    expect(search).toBe("?q=ann+%26+bob&sort=topic%3Aplaza-accord&dir=desc&size=25&page=3");
    expect(parseScoreTableQuery(Object.fromEntries(new URLSearchParams(search)))).toEqual(q);
  });
});

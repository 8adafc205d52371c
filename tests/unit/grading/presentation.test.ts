// Checks per-attempt presentation: opaque ids, shuffles, no key in the client question, id mapping both ways.
import { escapeHtml } from "@/lib/content/render";
import { describe, expect, it } from "vitest";
import {
  PresentationSchema,
  buildPresentation,
  clientResponseToContent,
  contentResponseToClient,
  isPresentationFor,
  toClientQuestion,
  type Presentation,
  type PresentationOf,
} from "@/lib/grading/presentation";
import { secureRandom, type PresentedPart } from "@/lib/grading/presentation-parts";
import { seededRandom } from "@/tests/support/seeded-random";
import { gradeResponse } from "@/lib/grading";
import type { ClientResponse, Response } from "@/lib/grading/response";
import type { Question } from "@/lib/content/schema";
import {
  allQuestions,
  matching,
  multiple,
  multipleWith,
  numericRate,
  ordering,
  ordering3,
  secretsOf,
  short,
  single,
  trueFalse,
} from "./fixtures";

const present = <Q extends Question>(q: Q, seed = 1) => buildPresentation(q, seededRandom(seed)) as PresentationOf<Q["type"]>;
const partsOf = (p: Presentation): PresentedPart[] =>
  p.type === "single" || p.type === "multiple"
    ? p.options
    : p.type === "ordering"
      ? p.items
      : p.type === "matching"
        ? [...p.lefts, ...p.rights]
        : [];
const tokenFor = (parts: PresentedPart[], id: string) => parts.find((p) => p.id === id)!.token;
const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("buildPresentation", () => {
  it("is deterministic for a given seed and differs between seeds", () => {
    for (const q of [single, multiple, ordering, matching]) {
      expect(buildPresentation(q, seededRandom(42))).toEqual(buildPresentation(q, seededRandom(42)));
      expect(buildPresentation(q, seededRandom(42))).not.toEqual(buildPresentation(q, seededRandom(43)));
    }
  });

  it("gives every part a fresh 8-character base36 token, unique within the attempt and unlike any content id", () => {
    for (const q of allQuestions) {
      for (const seed of seeds(20)) {
        const parts = partsOf(present(q, seed));
        const tokens = parts.map((p) => p.token);
        for (const t of tokens) expect(t).toMatch(/^[0-9a-z]{8}$/);
        expect(new Set(tokens).size).toBe(tokens.length);
        for (const p of parts) expect(p.token).not.toBe(p.id);
      }
    }
  });

  it("never reuses tokens across attempts", () => {
    const a = partsOf(present(matching, 1)).map((p) => p.token);
    const b = partsOf(present(matching, 2)).map((p) => p.token);
    expect(a.filter((t) => b.includes(t))).toEqual([]);
  });

  it("covers exactly the question's parts", () => {
    const p = present(matching);
    expect(p.lefts.map((l) => l.id)).toEqual(["pair-plaza", "pair-nixon", "pair-louvre"]);
    expect(p.rights.map((r) => r.id).sort()).toEqual(["distractor:0", "pair-louvre", "pair-nixon", "pair-plaza"]);
    expect(
      present(single)
        .options.map((o) => o.id)
        .sort(),
    ).toEqual(["opt-lower", "opt-peg", "opt-raise", "opt-tariff"]);
  });

  it("has nothing to shuffle for true/false, numeric and short", () => {
    expect(buildPresentation(trueFalse, seededRandom(1))).toEqual({ version: 1, type: "truefalse" });
    expect(buildPresentation(numericRate, seededRandom(1))).toEqual({ version: 1, type: "numeric" });
    expect(buildPresentation(short, seededRandom(1))).toEqual({ version: 1, type: "short" });
  });

  it("is JSON-serialisable and reads back through PresentationSchema unchanged", () => {
    for (const q of allQuestions) {
      const p = present(q, 7);
      const stored = JSON.parse(JSON.stringify(p));
      expect(stored).toEqual(p);
      expect(PresentationSchema.parse(stored)).toEqual(p);
      expect(isPresentationFor(q, PresentationSchema.parse(stored))).toBe(true);
    }
  });

  it("shuffles choice options so the correct one lands in every position", () => {
    const positions = new Set(seeds(200).map((s) => present(single, s).options.findIndex((o) => o.id === "opt-lower")));
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
    const orders = new Set(
      seeds(200).map((s) =>
        present(multiple, s)
          .options.map((o) => o.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(50);
  });

  it("never shows an ordering question in its correct order, yet puts every item in every position", () => {
    for (const q of [ordering, ordering3]) {
      const key = q.items.map((i) => i.id);
      const seen = key.map(() => new Set<number>());
      for (const seed of seeds(500)) {
        const shown = present(q, seed).items.map((i) => i.id);
        expect(shown).not.toEqual(key);
        expect([...shown].sort()).toEqual([...key].sort());
        key.forEach((id, k) => seen[k].add(shown.indexOf(id)));
      }
      for (const positions of seen) expect(positions.size).toBe(key.length);
    }
  });

  it("moves an ordering away from the key even when the RNG keeps shuffling to it", () => {
    // Real values for the 24 token characters, then 0.9999999 forever: Fisher–Yates then swaps
    // each element with itself, so every reshuffle yields the key and the rotation fallback runs.
    const seeded = seededRandom(5);
    let calls = 0;
    const stuck = () => (calls++ < 24 ? seeded() : 0.9999999);
    expect(buildPresentation(ordering3, stuck)).toMatchObject({ items: [{ id: "second" }, { id: "third" }, { id: "first" }] });
  });

  it("keeps matching left items in authored order and shuffles the right-hand choices with the distractors", () => {
    const authored = present(matching).lefts.map((l) => l.id);
    const rightOrders = new Set<string>();
    for (const seed of seeds(100)) {
      const p = present(matching, seed);
      expect(p.lefts.map((l) => l.id)).toEqual(authored);
      rightOrders.add(p.rights.map((r) => r.id).join());
    }
    expect(rightOrders.size).toBeGreaterThan(12);
  });

  it("refuses a broken RNG instead of emitting guessable ids", () => {
    expect(() => buildPresentation(single, () => 0)).toThrow(/random source/);
  });

  it("survives an RNG that sometimes returns values outside [0, 1)", () => {
    const seeded = seededRandom(9);
    const odd = [1, Number.NaN, -0.5, Number.POSITIVE_INFINITY];
    let calls = 0;
    const wobbly = () => (++calls % 5 === 0 ? odd[(calls / 5) % odd.length] : seeded());
    for (const q of [single, ordering, matching]) {
      const p = buildPresentation(q, wobbly);
      expect(PresentationSchema.safeParse(p).success).toBe(true);
      expect(isPresentationFor(q, p)).toBe(true);
    }
  });

  it("works with the platform CSPRNG", () => {
    const values = Array.from({ length: 1000 }, secureRandom);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
    const a = buildPresentation(ordering, secureRandom);
    expect(isPresentationFor(ordering, a)).toBe(true);
    expect(a).not.toEqual(buildPresentation(ordering, secureRandom));
  });
});

describe("isPresentationFor", () => {
  it("rejects presentations built for another question or tampered with", () => {
    const p = present(multiple);
    expect(isPresentationFor(multiple, p)).toBe(true);
    expect(isPresentationFor(multipleWith(2, 3), p)).toBe(false);
    expect(isPresentationFor(single, { ...p, type: "single" })).toBe(false);
    expect(isPresentationFor(multiple, { ...p, options: p.options.slice(1) })).toBe(false);
    expect(isPresentationFor(multiple, { ...p, options: [...p.options, { token: "zzzzzzzz", id: "opt-extra" }] })).toBe(false);
    expect(isPresentationFor(multiple, { ...p, options: [p.options[0], ...p.options.slice(0, -1)] })).toBe(false);
    const sameToken = p.options.map((o) => ({ ...o, token: p.options[0].token }));
    expect(isPresentationFor(multiple, { ...p, options: sameToken })).toBe(false);
    const m = present(matching);
    expect(isPresentationFor(matching, { ...m, rights: m.rights.filter((r) => r.id !== "distractor:0") })).toBe(false);
    expect(isPresentationFor(matching, { ...m, rights: [...m.rights, { ...m.lefts[0], token: "00000000" }] })).toBe(false);
  });
});

describe("toClientQuestion", () => {
  const FORBIDDEN_KEYS = [
    "correct",
    "feedback",
    "explanation",
    "answer",
    "tolerance",
    "accepted",
    "acceptedUnits",
    "key",
    "pairs",
    "distractors",
    "section",
    "difficulty",
    "paragraphs",
    "sources",
  ];

  it.each(allQuestions.map((q) => [q.type, q] as const))("sends no key field, key text or content id for %s", (_, q) => {
    for (const seed of seeds(10)) {
      const json = JSON.stringify(toClientQuestion(q, present(q, seed)));
      for (const field of FORBIDDEN_KEYS) expect(json).not.toContain(`"${field}"`);
      for (const secret of secretsOf(q)) expect(json, secret).not.toContain(secret);
    }
  });

  it("sends exactly type, prompt (and its rendered HTML), points and the shown parts", () => {
    const keysOf = (o: object) => Object.keys(o).sort();
    const s = toClientQuestion(single, present(single));
    expect(keysOf(s)).toEqual(["options", "points", "prompt", "promptHtml", "type"]);
    if (s.type === "single") for (const o of s.options) expect(keysOf(o)).toEqual(["html", "id", "text"]);
    expect(keysOf(toClientQuestion(trueFalse, present(trueFalse)))).toEqual(["points", "prompt", "promptHtml", "type"]);
    expect(keysOf(toClientQuestion(short, present(short)))).toEqual(["points", "prompt", "promptHtml", "type"]);
    expect(toClientQuestion(numericRate, present(numericRate))).toEqual({
      type: "numeric",
      prompt: numericRate.prompt,
      promptHtml: `<p>${escapeHtml(numericRate.prompt)}</p>\n`,
      points: 1,
      unit: "yen per dollar",
    });
    expect(keysOf(toClientQuestion(ordering, present(ordering)))).toEqual(["items", "points", "prompt", "promptHtml", "type"]);
    expect(keysOf(toClientQuestion(matching, present(matching)))).toEqual(["lefts", "points", "prompt", "promptHtml", "rights", "type"]);
  });

  it("shows choices in display order under their opaque ids", () => {
    const p = present(single, 3);
    const c = toClientQuestion(single, p);
    if (c.type !== "single") throw new Error("expected single");
    expect(c.options.map((o) => o.id)).toEqual(p.options.map((o) => o.token));
    const textOf = new Map(single.options.map((o) => [o.id, o.text]));
    expect(c.options.map((o) => o.text)).toEqual(p.options.map((o) => textOf.get(o.id)));
  });

  it("shows ordering items out of the key's order and matching rights including distractors", () => {
    const o = toClientQuestion(ordering, present(ordering, 11));
    if (o.type !== "ordering") throw new Error("expected ordering");
    expect(o.items.map((i) => i.text)).not.toEqual(ordering.items.map((i) => i.text));
    const m = toClientQuestion(matching, present(matching, 11));
    if (m.type !== "matching") throw new Error("expected matching");
    expect(m.lefts.map((l) => l.text)).toEqual(["Plaza Accord", "Nixon shock", "Louvre Accord"]);
    expect(m.rights.map((r) => r.text).sort()).toEqual(["Announced in 1971", "Signed in 1985", "Signed in 1987", "Signed in 1999"]);
  });

  it("throws when the presentation does not belong to the question (a server bug)", () => {
    expect(() => toClientQuestion(single, present(ordering))).toThrow(/does not fit/);
    expect(() => toClientQuestion(multipleWith(2, 3), present(multiple))).toThrow(/does not fit/);
  });
});

describe("clientResponseToContent", () => {
  it("maps each type back to content ids so the key grades as correct", () => {
    const s = present(single, 2);
    const m = present(multiple, 2);
    const o = present(ordering, 2);
    const x = present(matching, 2);
    const cases: [Question, Presentation, ClientResponse, Response][] = [
      [single, s, { type: "single", optionId: tokenFor(s.options, "opt-lower") }, { type: "single", optionId: "opt-lower" }],
      [
        multiple,
        m,
        { type: "multiple", optionIds: [tokenFor(m.options, "opt-sell"), tokenFor(m.options, "opt-g5")] },
        { type: "multiple", optionIds: ["opt-sell", "opt-g5"] },
      ],
      [trueFalse, present(trueFalse), { type: "truefalse", value: true }, { type: "truefalse", value: true }],
      [numericRate, present(numericRate), { type: "numeric", text: "240 yen" }, { type: "numeric", text: "240 yen" }],
      [short, present(short), { type: "short", text: "the plaza accord" }, { type: "short", text: "the plaza accord" }],
      [
        ordering,
        o,
        { type: "ordering", order: ordering.items.map((i) => tokenFor(o.items, i.id)) },
        { type: "ordering", order: ordering.items.map((i) => i.id) },
      ],
      [
        matching,
        x,
        { type: "matching", pairs: Object.fromEntries(matching.pairs.map((p) => [tokenFor(x.lefts, p.id), tokenFor(x.rights, p.id)])) },
        { type: "matching", pairs: { "pair-plaza": "pair-plaza", "pair-nixon": "pair-nixon", "pair-louvre": "pair-louvre" } },
      ],
    ];
    for (const [q, p, client, content] of cases) {
      const mapped = clientResponseToContent(q, p, client);
      expect(mapped, q.type).toEqual({ ok: true, response: content });
      if (mapped.ok) expect(gradeResponse(q, mapped.response).status).toBe("correct");
    }
  });

  it("grades what the learner saw: the shown (shuffled) ordering submitted untouched is not full credit", () => {
    const p = present(ordering, 4);
    const mapped = clientResponseToContent(ordering, p, { type: "ordering", order: p.items.map((i) => i.token) });
    expect(mapped.ok && gradeResponse(ordering, mapped.response).fraction).toBeLessThan(1);
  });

  it("accepts the 'no answer yet' forms", () => {
    const x = present(matching);
    expect(clientResponseToContent(single, present(single), { type: "single", optionId: null })).toEqual({
      ok: true,
      response: { type: "single", optionId: null },
    });
    expect(clientResponseToContent(multiple, present(multiple), { type: "multiple", optionIds: [] })).toEqual({
      ok: true,
      response: { type: "multiple", optionIds: [] },
    });
    expect(clientResponseToContent(ordering, present(ordering), { type: "ordering", order: [] })).toEqual({
      ok: true,
      response: { type: "ordering", order: [] },
    });
    expect(clientResponseToContent(trueFalse, present(trueFalse), { type: "truefalse", value: null })).toMatchObject({ ok: true });
    // A partial matching answer fills the other left items with null; a right choice may repeat.
    const leftPlaza = tokenFor(x.lefts, "pair-plaza");
    const leftNixon = tokenFor(x.lefts, "pair-nixon");
    const rightPlaza = tokenFor(x.rights, "pair-plaza");
    expect(clientResponseToContent(matching, x, { type: "matching", pairs: { [leftPlaza]: rightPlaza, [leftNixon]: rightPlaza } })).toEqual(
      {
        ok: true,
        response: { type: "matching", pairs: { "pair-plaza": "pair-plaza", "pair-nixon": "pair-plaza", "pair-louvre": null } },
      },
    );
  });

  describe("rejects with a clear sentence", () => {
    const s = present(single, 3);
    const m = present(multiple, 3);
    const o = present(ordering, 3);
    const x = present(matching, 3);
    const other = present(single, 99);
    const orderTokens = o.items.map((i) => i.token);
    const cases: [string, Question, Presentation, unknown, RegExp][] = [
      ["an unknown option", single, s, { type: "single", optionId: "zzzzzzzz" }, /not one of this question's options/],
      ["another attempt's token", single, s, { type: "single", optionId: other.options[0].token }, /not one of this question's options/],
      ["a content id instead of a token", single, s, { type: "single", optionId: "opt-lower" }, /not in a form/],
      ["an answer for another type", single, s, { type: "truefalse", value: true }, /different kind of question/],
      [
        "an unknown multiple option",
        multiple,
        m,
        { type: "multiple", optionIds: [m.options[0].token, "zzzzzzzz"] },
        /not one of this question's options/,
      ],
      ["an option chosen twice", multiple, m, { type: "multiple", optionIds: [m.options[0].token, m.options[0].token] }, /more than once/],
      [
        "an ordering with a repeated item",
        ordering,
        o,
        { type: "ordering", order: [...orderTokens.slice(0, 4), orderTokens[0]] },
        /more than once/,
      ],
      ["an ordering missing an item", ordering, o, { type: "ordering", order: orderTokens.slice(0, 4) }, /every item exactly once/],
      [
        "an ordering with an unknown item",
        ordering,
        o,
        { type: "ordering", order: [...orderTokens.slice(0, 4), "zzzzzzzz"] },
        /not part of this question/,
      ],
      [
        "a matching with an unknown left item",
        matching,
        x,
        { type: "matching", pairs: { zzzzzzzz: x.rights[0].token } },
        /not part of this question/,
      ],
      [
        "a matching with an unknown right choice",
        matching,
        x,
        { type: "matching", pairs: { [x.lefts[0].token]: "zzzzzzzz" } },
        /not one of this question's choices/,
      ],
      [
        "a right choice used as a left item",
        matching,
        x,
        { type: "matching", pairs: { [x.rights[0].token]: x.rights[0].token } },
        /not part of this question/,
      ],
      ["overlong text", short, present(short), { type: "short", text: "x".repeat(501) }, /too long.*500/],
      ["too many ids", multiple, m, { type: "multiple", optionIds: Array.from({ length: 21 }, () => m.options[0].token) }, /too many/],
      ["a non-object", single, s, "opt-lower", /not in a form/],
      ["null", single, s, null, /not in a form/],
      ["undefined", single, s, undefined, /not in a form/],
      ["an unknown type", single, s, { type: "essay", text: "hi" }, /not in a form/],
      [
        "a presentation of another question",
        multiple,
        present(multipleWith(2, 3)),
        { type: "multiple", optionIds: [] },
        /changed since the attempt started/,
      ],
    ];
    it.each(cases)("%s", (_, q, p, input, message) => {
      const r = clientResponseToContent(q, p, input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(message);
        expect(r.error).toMatch(/^[A-Z].*\.$/); // a sentence, not a stack trace or zod dump
      }
    });
  });
});

describe("contentResponseToClient", () => {
  it("round-trips content → client → content for saved answers", () => {
    const saved: [Question, Response][] = [
      [single, { type: "single", optionId: "opt-peg" }],
      [single, { type: "single", optionId: null }],
      [multiple, { type: "multiple", optionIds: ["opt-g5", "opt-imf"] }],
      [trueFalse, { type: "truefalse", value: false }],
      [numericRate, { type: "numeric", text: "¥250" }],
      [short, { type: "short", text: "Louvre" }],
      [ordering, { type: "ordering", order: ["ev-sii", "ev-plaza", "ev-nixon", "ev-treaty", "ev-occupation"] }],
      [matching, { type: "matching", pairs: { "pair-plaza": "distractor:0", "pair-nixon": "pair-plaza", "pair-louvre": null } }],
    ];
    for (const [q, response] of saved) {
      const p = present(q, 21);
      const client = contentResponseToClient(q, p, response);
      expect(client, q.type).not.toBeNull();
      expect(JSON.stringify(client)).not.toMatch(/opt-|ev-|pair-|distractor:/);
      expect(clientResponseToContent(q, p, client)).toEqual({ ok: true, response });
    }
  });

  it("drops ids the presentation does not know and keeps the first of repeats", () => {
    const m = present(multiple);
    expect(contentResponseToClient(multiple, m, { type: "multiple", optionIds: ["opt-g5", "opt-nope", "opt-g5"] })).toEqual({
      type: "multiple",
      optionIds: [tokenFor(m.options, "opt-g5")],
    });
    expect(contentResponseToClient(single, present(single), { type: "single", optionId: "opt-nope" })).toEqual({
      type: "single",
      optionId: null,
    });
    const x = present(matching);
    expect(
      contentResponseToClient(matching, x, { type: "matching", pairs: { "pair-moon": "pair-plaza", "pair-nixon": "pair-moon" } }),
    ).toEqual({
      type: "matching",
      pairs: { [tokenFor(x.lefts, "pair-nixon")]: null },
    });
  });

  it("returns null for a response of another type or a foreign presentation", () => {
    expect(contentResponseToClient(single, present(single), { type: "truefalse", value: true })).toBeNull();
    expect(contentResponseToClient(multiple, present(multipleWith(2, 3)), { type: "multiple", optionIds: [] })).toBeNull();
  });
});

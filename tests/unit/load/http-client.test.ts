// The load harness's browser imitation: how it encodes action calls and reads React Flight payloads.
import { describe, expect, it } from "vitest";
import { actionRedirect, actionResult, encodeActionArgs, findInFlight, parseFlightRows, type Exchange } from "@/scripts/load/http-client";
import { isLoopbackHost } from "@/scripts/load/app-instances";
import { percentile } from "@/scripts/load/stats";

const ex = (body: string, headers: Record<string, string> = {}): Exchange => ({
  status: 200,
  headers: new Headers(headers),
  body: Buffer.from(body),
  ms: 1,
});

describe("encodeActionArgs", () => {
  it("sends plain arguments as JSON text, as React's encodeReply does", () => {
    expect(encodeActionArgs([{ attemptId: "a1", seq: 3 }])).toEqual({
      body: '[{"attemptId":"a1","seq":3}]',
      contentType: "text/plain;charset=UTF-8",
    });
  });

  it("sends a FormData argument as multipart fields _<part>_<name> referenced by $K<part>", () => {
    const form = new FormData();
    form.set("assignmentId", "x1");
    const { body, contentType } = encodeActionArgs([null, form]);
    expect(contentType).toBeUndefined();
    const sent = body as FormData;
    expect(sent.get("0")).toBe('[null,"$K1"]');
    expect(sent.get("_1_assignmentId")).toBe("x1");
  });
});

describe("Flight payloads", () => {
  it("reads an action's result through its promise reference, undoing $$ escapes", () => {
    const body = '0:{"a":"$@1","f":"","b":"build"}\n1:{"ok":true,"data":{"savedAt":"2026-01-01","note":"$$5"}}\n';
    expect(actionResult(Buffer.from(body))).toEqual({ ok: true, data: { savedAt: "2026-01-01", note: "$5" } });
  });

  it("skips length-delimited text rows, counting bytes not characters", () => {
    const text = "¥ and\nnewline";
    const body = `2:T${Buffer.byteLength(text).toString(16)},${text}3:["$","div",null,{"attempt":{"kind":"taking","items":[]}}]\n`;
    const rows = parseFlightRows(Buffer.from(body));
    expect(rows.get(2)).toBe(text);
    expect(findInFlight(Buffer.from(body), (v) => v.kind === "taking")).toEqual({ kind: "taking", items: [] });
  });

  it("finds where an action redirected: header first, then a NEXT_REDIRECT digest", () => {
    expect(actionRedirect(ex("", { "x-action-redirect": "/attempts/abc;push" }))).toBe("/attempts/abc");
    expect(actionRedirect(ex('1:E{"digest":"NEXT_REDIRECT;push;/attempts/def;307;"}\n'))).toBe("/attempts/def");
    expect(actionRedirect(ex('0:{"a":"$@1"}\n'))).toBeNull();
  });
});

describe("guards and figures", () => {
  it("accepts only loopback hosts", () => {
    for (const h of ["localhost", "127.0.0.1", "127.8.0.1", "[::1]", "/tmp/pg"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["10.0.0.5", "db.example.com", "128.0.0.1"]) expect(isLoopbackHost(h)).toBe(false);
  });

  it("takes nearest-rank percentiles", () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(s, 50), percentile(s, 95), percentile(s, 99), percentile([], 50)]).toEqual([50, 95, 99, 0]);
  });
});

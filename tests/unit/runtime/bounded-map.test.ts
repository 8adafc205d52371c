import { describe, expect, it } from "vitest";
import { BoundedMap } from "@/lib/runtime/bounded-map";

describe("BoundedMap: an in-process cache that never grows past its size", () => {
  it("drops the oldest written entry to make room, and rewriting a key makes it the newest", () => {
    const m = new BoundedMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    m.set("a", 10);
    m.set("c", 3);
    expect(m.size).toBe(2);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(10);
    expect(m.get("c")).toBe(3);
  });

  it("touch keeps a read entry (least recently used goes first); get does not", () => {
    const lru = new BoundedMap<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.touch("a")).toBe(1);
    lru.set("c", 3);
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual([1, undefined, 3]);

    const fifo = new BoundedMap<string, number>(2);
    fifo.set("a", 1);
    fifo.set("b", 2);
    expect(fifo.get("a")).toBe(1);
    fifo.set("c", 3);
    expect([fifo.get("a"), fifo.get("b"), fifo.get("c")]).toEqual([undefined, 2, 3]);
  });

  it("refuses a size that is not a positive whole number", () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });
});

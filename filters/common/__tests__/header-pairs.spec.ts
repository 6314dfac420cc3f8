import { HeaderPairs, encodePairs } from "../headers/pairs";

const b = (s: string): ArrayBuffer => String.UTF8.encode(s);

function valueOf(h: HeaderPairs, name: string): string | null {
  const i = h.indexOf(b(name));
  return i < 0 ? null : String.UTF8.decodeUnsafe(h.valuePtr(i), h.valueLen(i));
}

describe("header pairs", () => {
  it("decodes the first `size` bytes of a reused buffer into a reused index", () => {
    const buffer = new ArrayBuffer(256);
    const index = new StaticArray<u32>(16);
    const first = encodePairs([b(":path"), b("a")], [b("/x"), b("1")]);
    memory.copy(changetype<usize>(buffer), changetype<usize>(first), first.byteLength);
    const h = HeaderPairs.decode(buffer, first.byteLength, index);
    expect(h.count).toBe(2);
    expect(valueOf(h, "a")).toBe("1");
    const second = encodePairs([b("b")], [b("22")]);
    memory.copy(changetype<usize>(buffer), changetype<usize>(second), second.byteLength);
    const g = HeaderPairs.decode(buffer, second.byteLength, index);
    expect(g.count).toBe(1);
    expect(valueOf(g, "b")).toBe("22");
    expect(valueOf(g, "a")).toBeNull();
  });

  it("refuses a map that does not fit in `size`, and grows an index that is too small", () => {
    const pairs = encodePairs([b("k1"), b("k2"), b("k3")], [b("v1"), b("v2"), b("v3")]);
    expect(HeaderPairs.decode(pairs, pairs.byteLength - 1).count).toBe(0);
    const h = HeaderPairs.decode(pairs, pairs.byteLength, new StaticArray<u32>(4));
    expect(h.count).toBe(3);
    expect(valueOf(h, "k3")).toBe("v3");
  });
});

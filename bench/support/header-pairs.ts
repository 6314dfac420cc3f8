// The bytes Envoy hands a guest for proxy_get_header_map_pairs: u32 count, count × (key length,
// value length), then each key and value NUL-terminated. Header bytes are Latin-1 on the wire.
export type Pair = [string, string];

export function encodePairs(pairs: Pair[]): Buffer {
  const parts = pairs.map(([k, v]) => [Buffer.from(k, "latin1"), Buffer.from(v, "latin1")]);
  const size = 4 + parts.length * 8 + parts.reduce((n, [k, v]) => n + k.length + v.length + 2, 0);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(parts.length, 0);
  let pos = 4 + parts.length * 8;
  parts.forEach(([k, v], i) => {
    out.writeUInt32LE(k.length, 4 + i * 8);
    out.writeUInt32LE(v.length, 8 + i * 8);
    k.copy(out, pos); pos += k.length + 1;
    v.copy(out, pos); pos += v.length + 1;
  });
  return out;
}

/** A property value as Envoy encodes integers: 8 bytes little-endian. */
export const int64 = (n: number | bigint): Buffer => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(n)); return b; };

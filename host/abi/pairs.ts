// Envoy's header-map wire format (cpp-host pairs_util.cc): u32 count, count × (u32 key_len,
// u32 value_len), then each key and value followed by a NUL. All little-endian. Strings here
// are latin1 ("binary"): one char per byte, so non-UTF-8 header bytes survive untouched.

export type Pair = [string, string];

const MAX_PAIRS_BYTES = 1 << 20;
const MAX_PAIRS = 1024;

export function encodePairs(pairs: readonly Pair[]): Buffer {
  let size = 4 + pairs.length * 8;
  for (const [k, v] of pairs) size += k.length + v.length + 2;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(pairs.length, 0);
  let pos = 4;
  for (const [k, v] of pairs) {
    out.writeUInt32LE(k.length, pos);
    out.writeUInt32LE(v.length, pos + 4);
    pos += 8;
  }
  for (const [k, v] of pairs) {
    pos += out.write(k, pos, "latin1") + 1;
    pos += out.write(v, pos, "latin1") + 1;
  }
  return out;
}

/** Envoy's strict parser: null (Envoy then uses an EMPTY map) on any malformation or limit. */
export function decodePairs(bytes: Uint8Array): Pair[] | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > MAX_PAIRS_BYTES || b.length < 4) return null;
  const n = b.readUInt32LE(0);
  if (n > MAX_PAIRS || 4 + n * 8 > b.length) return null;
  const pairs: Pair[] = [];
  let data = 4 + n * 8;
  for (let i = 0; i < n; i++) {
    const kl = b.readUInt32LE(4 + i * 8);
    const vl = b.readUInt32LE(8 + i * 8);
    if (data + kl + vl + 2 > b.length || b[data + kl] !== 0 || b[data + kl + 1 + vl] !== 0) return null;
    const k = b.toString("latin1", data, data + kl);
    const v = b.toString("latin1", data + kl + 1, data + kl + 1 + vl);
    data += kl + vl + 2;
    pairs.push([k, v]);
  }
  return data === b.length ? pairs : null;
}

/** latin1 string ⇄ bytes helpers for the host's byte-preserving strings. */
export const bytesOf = (s: string): Buffer => Buffer.from(s, "latin1");
export const stringOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

// Reads the protobuf file descriptors compiled into an Envoy binary (every generated .pb.cc
// embeds its serialized FileDescriptorProto). Envoy's JSON/YAML loader parses configs against
// exactly these, so they tell which fields and enum values the pinned Envoy knows.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import protobuf from "protobufjs";

const require = createRequire(import.meta.url);
const descriptorJson = require("protobufjs/google/protobuf/descriptor.json");
const FileDescriptorProto = protobuf.Root.fromJSON(descriptorJson).lookupType("google.protobuf.FileDescriptorProto");

function readVarint(b: Buffer, i: number): [number, number] {
  let result = 0, shift = 0, byte: number;
  do {
    byte = b[i++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80 && shift < 64 && i < b.length);
  return [result, i];
}

/** End of a serialized FileDescriptorProto: the first tag that cannot belong to one. */
function descriptorEnd(b: Buffer, start: number): number {
  let i = start;
  const singular = new Set<number>();
  while (i < b.length) {
    const [tag, j] = readVarint(b, i);
    const field = Math.floor(tag / 8), wire = tag & 7;
    if (field < 1 || field > 14) return i;
    // name, package, options, source info, syntax occur once: a second one starts the next file
    if ([1, 2, 8, 9, 12].includes(field)) {
      if (singular.has(field)) return i;
      singular.add(field);
    }
    if (wire === 2) {
      const [len, k] = readVarint(b, j);
      if (k + len > b.length) return i;
      i = k + len;
    } else if (wire === 0) {
      i = readVarint(b, j)[1];
    } else return i;
  }
  return i;
}

/** Every FileDescriptorProto found in the binary, by file name (the longest copy wins). */
export function envoyFileDescriptors(binary: string): Map<string, protobuf.Message> {
  const bin = readFileSync(binary);
  const found = new Map<string, { size: number; d: protobuf.Message }>();
  const needle = Buffer.from(".proto\x12"); // end of field 1 (name), start of field 2 (package)
  for (let pos = bin.indexOf(needle); pos >= 0; pos = bin.indexOf(needle, pos + 1)) {
    const nameEnd = pos + 6;
    for (let nameLen = 7; nameLen < 300; nameLen++) {
      const nameStart = nameEnd - nameLen;
      const lenBytes = nameLen < 128 ? [nameLen] : [(nameLen & 0x7f) | 0x80, nameLen >> 7];
      const tagAt = nameStart - lenBytes.length - 1;
      if (tagAt < 0) break;
      if (bin[tagAt] !== 0x0a || lenBytes.some((v, k) => bin[tagAt + 1 + k] !== v)) continue;
      const name = bin.subarray(nameStart, nameEnd).toString("latin1");
      if (!/^[A-Za-z0-9_/.-]+\.proto$/.test(name)) continue;
      const end = descriptorEnd(bin, tagAt);
      try {
        const d = FileDescriptorProto.decode(bin.subarray(tagAt, end));
        const prev = found.get(name);
        if (!prev || prev.size < end - tagAt) found.set(name, { size: end - tagAt, d });
      } catch { /* not a descriptor after all */ }
      break;
    }
  }
  return new Map([...found].map(([k, v]) => [k, v.d]));
}

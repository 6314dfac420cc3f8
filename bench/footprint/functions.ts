// Per-function sizes of a .wasm built with a name section (issue 9): reads the code, data and
// name sections and prints the biggest function bodies, section totals and data segments.
// Build one with the release options plus names:
//   npx asc filters/auth-policy/index.ts --config asconfig.json --target auth-policy --debug -o /tmp/ap.wasm
// Usage: node --import tsx bench/footprint/functions.ts FILE.wasm [--top N] [--match TEXT] [--files] [--data]
// (--files: totals per source file instead of per function)
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const file = args[0];
if (!file) {
  console.error("usage: functions.ts FILE.wasm [--top N] [--match TEXT] [--data]");
  process.exit(2);
}
const top = Number(args[args.indexOf("--top") + 1] ?? 0) || 40;
const match = args.includes("--match") ? args[args.indexOf("--match") + 1] : undefined;
const bytes = readFileSync(file);

let pos = 0;
/** A LEB128 number at `pos` (signed: sign-extended from its last byte). */
function leb(signed: boolean): number {
  let result = 0, shift = 0, b: number;
  do {
    b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (!signed) return result >>> 0;
  if (shift < 32 && (b & 0x40)) result |= -1 << shift;
  return result;
}
const u32 = () => leb(false);
const readSigned = () => leb(true);
function name(): string {
  const n = u32();
  const s = bytes.toString("utf8", pos, pos + n);
  pos += n;
  return s;
}

pos = 8;
const sections: { id: number; name: string; size: number }[] = [];
let imported = 0;
const bodies: number[] = [];
const names = new Map<number, string>();
const segments: { offset: number; size: number }[] = [];
const sectionNames = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const end = pos + size;
  let label = sectionNames[id] ?? `#${id}`;
  if (id === 0) label = `custom:${name()}`;
  sections.push({ id, name: label, size });
  if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      name(); name();
      const kind = bytes[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else { pos += 2; }
    }
  } else if (id === 10) {
    for (let n = u32(); n > 0; n--) {
      const len = u32();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    for (let n = u32(); n > 0; n--) {
      const flags = u32();
      let offset = -1;
      if (flags === 0 || flags === 2) {
        if (flags === 2) u32();
        if (bytes[pos] === 0x41) { pos++; offset = readSigned(); } else pos++;
        while (bytes[pos] !== 0x0b) pos++;
        pos++;
      }
      const len = u32();
      segments.push({ offset, size: len });
      pos += len;
    }
  } else if (label === "custom:name") {
    while (pos < end) {
      const sub = bytes[pos++];
      const subSize = u32();
      const subEnd = pos + subSize;
      if (sub === 1) for (let n = u32(); n > 0; n--) { const index = u32(); names.set(index, name()); }
      pos = subEnd;
    }
  }
  pos = end;
}

console.log(`${file}: ${bytes.length} B`);
console.table(sections.map((s) => ({ section: s.name, bytes: s.size })));
const rows = bodies.map((size, i) => ({ fn: names.get(imported + i) ?? `#${imported + i}`, bytes: size }))
  .filter((r) => match === undefined || r.fn.includes(match))
  .sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`${rows.length} functions${match ? ` matching "${match}"` : ""}, ${total} B of bodies; the ${Math.min(top, rows.length)} biggest:`);
const sourceFile = (fn: string) => fn.replace(/^start:/, "").replace(/[#~.@].*$/, "").replace(/\/[^/]*$/, "");
const shown = args.includes("--files")
  ? [...rows.reduce((m, r) => m.set(sourceFile(r.fn), (m.get(sourceFile(r.fn)) ?? 0) + r.bytes), new Map<string, number>())]
    .map(([fn, bytes]) => ({ fn, bytes })).sort((a, b) => b.bytes - a.bytes)
  : rows;
for (const r of shown.slice(0, top)) console.log(`${String(r.bytes).padStart(7)}  ${r.fn}`);
if (args.includes("--data")) {
  console.log(`${segments.length} data segments, ${segments.reduce((s, d) => s + d.size, 0)} B`);
  for (const d of segments) console.log(`${String(d.size).padStart(7)}  @${d.offset}`);
}

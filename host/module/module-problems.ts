// Checks a .wasm against what Envoy's proxy-wasm host accepts for ABI 0.2.1: only imports
// Envoy provides, with its signatures; the ABI marker, memory and an allocator exported.
import { ENVOY_IMPORTS } from "../abi/envoy-imports.ts";

/** Everything that would make Envoy refuse the module; empty when it would load. */
export function moduleProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const module = new WebAssembly.Module(new Uint8Array(bytes));
  const signatures = importSignatures(bytes);
  for (const imp of WebAssembly.Module.imports(module)) {
    const key = `${imp.module}.${imp.name}`;
    if (imp.kind !== "function") problems.push(`${key}: a ${imp.kind} import`);
    else if (!(key in ENVOY_IMPORTS)) problems.push(`${key}: Envoy does not provide it under ABI 0.2.1`);
    else if (signatures.get(key) !== ENVOY_IMPORTS[key]) problems.push(`${key}: signature ${signatures.get(key)}, Envoy's is ${ENVOY_IMPORTS[key]}`);
  }
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  if (exports.get("proxy_abi_version_0_2_1") !== "function") problems.push("no proxy_abi_version_0_2_1 export");
  if (exports.get("memory") !== "memory") problems.push("no memory export");
  if (exports.get("malloc") !== "function" && exports.get("proxy_on_memory_allocate") !== "function") problems.push("no malloc export");
  return problems;
}

const VAL_TYPES: Record<number, string> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64" };

/** The import section's function signatures, as "(i32,i64)->i32". */
function importSignatures(bytes: Uint8Array): Map<string, string> {
  let pos = 8;
  const u32 = () => { let r = 0, shift = 0, b; do { b = bytes[pos++]; r |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return r >>> 0; };
  const str = () => { const n = u32(); const s = Buffer.from(bytes.subarray(pos, pos + n)).toString("utf8"); pos += n; return s; };
  const valType = () => VAL_TYPES[bytes[pos++]] ?? "?";
  const types: string[] = [];
  const out = new Map<string, string>();
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    const end = pos + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        pos++; // 0x60: a function type
        const params = Array.from({ length: u32() }, valType);
        const results = Array.from({ length: u32() }, valType);
        types.push(`(${params.join(",")})->${results.join(",") || "nil"}`);
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const key = `${str()}.${str()}`;
        const kind = bytes[pos++];
        if (kind !== 0) break; // only function imports carry a type index
        out.set(key, types[u32()]);
      }
      return out;
    }
    pos = end;
  }
  return out;
}

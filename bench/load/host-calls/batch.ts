// What the batched-read probe kinds read: the attributes an access record asks Envoy for (the
// JSON record of filters/access-log reads about these 14), as one CEL list for the foreign function
// expr_evaluate and as the 14 proxy_get_property paths it replaces. Shared by run.ts and
// test/bench/host-calls-batch.test.ts, which checks the bytes Envoy returns for both.

export type AttrType = "string" | "int" | "timestamp" | "duration";

export const ATTRIBUTES: { path: string; type: AttrType }[] = [
  { path: "request.time", type: "timestamp" },
  { path: "request.duration", type: "duration" },
  { path: "request.protocol", type: "string" },
  { path: "request.size", type: "int" },
  { path: "response.code", type: "int" },
  { path: "response.code_details", type: "string" },
  { path: "response.flags", type: "int" },
  { path: "response.size", type: "int" },
  { path: "upstream.address", type: "string" },
  { path: "source.address", type: "string" },
  { path: "destination.address", type: "string" },
  { path: "connection.uri_san_peer_certificate", type: "string" },
  { path: "xds.route_name", type: "string" },
  { path: "xds.cluster_name", type: "string" },
];

/**
 * One CEL list of every attribute. CEL makes the whole list an error when one element is (e.g.
 * upstream.address on a local reply, a peer certificate on plaintext), and Envoy then answers
 * expr_evaluate with InternalFailure, so each element is guarded: `has(a.b) ? a.b : ""` for
 * strings, `-1` for numbers, timestamps and durations (8 bytes LE either way).
 */
export function celList(guarded = true): string {
  return `[${ATTRIBUTES.map(({ path, type }) => guarded ? `has(${path}) ? ${path} : ${type === "string" ? '""' : "-1"}` : path).join(", ")}]`;
}

/** Probe configuration lines for kind "cel" / "props" (see wasm/probe.ts). */
export function celLines(): string[] {
  return [`expr ${celList()}`];
}
export function propLines(): string[] {
  return ATTRIBUTES.map(({ path }) => `prop ${path}`);
}

/** Envoy's pairs encoding (reference §3): u32 count, count × (u32 key length, u32 value length), then key NUL value NUL each. */
export function decodePairs(b: Buffer): [Buffer, Buffer][] {
  const n = b.readUInt32LE(0);
  const out: [Buffer, Buffer][] = [];
  let at = 4 + n * 8;
  for (let i = 0; i < n; i++) {
    const kl = b.readUInt32LE(4 + i * 8), vl = b.readUInt32LE(8 + i * 8);
    const k = b.subarray(at, at + kl); at += kl + 1;
    const v = b.subarray(at, at + vl); at += vl + 1;
    out.push([k, v]);
  }
  if (at !== b.length) throw new Error(`pairs: ${b.length - at} bytes left over`);
  return out;
}

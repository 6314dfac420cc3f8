// Nothing is written before every bootstrap passes Envoy's proto check. A failure is a bug in
// wasmesh, not in the user's mesh: it is reported as an internal error.
import { readAnyYamlAsEnvoy } from "../validate/envoy-yaml.ts";
import { EmittedYamlReader } from "../validate/emitted-yaml.ts";
import { validateBootstrap, type ProtoMemo } from "../validate/validate-bootstrap.ts";
import { piecesOf } from "../emit/index.ts";
import type { OutputFile } from "./pipeline-api.ts";

export interface GateFailure {
  /** Output file, relative to the output folder. */
  file: string;
  /** Path inside the bootstrap, e.g. static_resources.clusters[0].connect_timeout. */
  path: string;
  message: string;
}

/**
 * Checks every bootstrap as it would be written: the text is read back as Envoy reads YAML.
 * Sidecars' bootstraps repeat the same clusters, routes and filters: each distinct one is read
 * and checked once. Outputs of generator/pipeline.ts also carry the pieces the emitter wrote them
 * in (shared parts as pieces of their own), so a repeated part is recognised without hashing it.
 */
export function protoGate(outputs: OutputFile[]): GateFailure[] {
  const failures: GateFailure[] = [];
  const reader = new EmittedYamlReader(readAnyYamlAsEnvoy, { shareIdentical: true });
  const memo: ProtoMemo = { shared: reader.shared, results: new WeakMap() };
  for (const out of outputs) {
    let doc: unknown;
    try {
      doc = reader.read(out.text, piecesOf(out)) ?? readAnyYamlAsEnvoy(out.text);
    } catch (e) {
      failures.push({ file: out.path, path: "", message: `not parseable: ${(e as Error).message.split("\n")[0]}` });
      continue;
    }
    for (const p of validateBootstrap(doc, memo)) failures.push({ file: out.path, path: p.path, message: p.message });
  }
  return failures;
}

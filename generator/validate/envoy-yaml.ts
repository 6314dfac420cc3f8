// Reads YAML the way Envoy does. Envoy's loader (yaml-cpp, then its own scalar conversion) takes
// an unquoted y/yes/on/n/no/off (any of lower, UPPER or Capitalized case) for a boolean, where a
// YAML 1.2 reader sees a string: `value: yes` is a string for us and `true` for Envoy (which then
// rejects it in a string field). Map keys stay strings in both.
import { isScalar, parseDocument, visit } from "yaml";
import { EmittedYamlReader } from "./emitted-yaml.ts";

const YAML11_BOOL = /^(y|yes|on|true|n|no|off|false)$/i;
const FLEXIBLE_CASE = /^([a-z]+|[A-Z]+|[A-Z][a-z]+)$/;

/** Parses `text` and returns the plain data Envoy would see. Throws on invalid YAML. */
export function readYamlAsEnvoy(text: string): unknown {
  return emitted.read(text) ?? readAnyYamlAsEnvoy(text);
}

/** readYamlAsEnvoy without the fast path for the emitter's own shape of YAML. */
export function readAnyYamlAsEnvoy(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length) throw doc.errors[0];
  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || !isScalar(node) || node.type !== "PLAIN" || typeof node.value !== "string") return;
      const src = node.source ?? node.value;
      if (YAML11_BOOL.test(src) && FLEXIBLE_CASE.test(src)) node.value = /^(y|yes|on|true)$/i.test(src);
    },
  });
  return doc.toJS();
}

const emitted = new EmittedYamlReader(readAnyYamlAsEnvoy);

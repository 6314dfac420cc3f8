import { bootstrapType, findMessageType } from "./proto-root.ts";
import { MessageWalker, type ProtoMemo } from "./message-walker.ts";
import type { ProtoProblem } from "./problems.ts";

export type { ProtoProblem } from "./problems.ts";
export type { ProtoMemo } from "./message-walker.ts";

/**
 * Checks an Envoy bootstrap (the object that will be written as YAML) against Envoy's own protos
 * (envoy.config.bootstrap.v3.Bootstrap): unknown fields, wrong types, unknown enum values, `@type`
 * URLs naming no message (Any bodies are checked as that message, recursively), well-known types'
 * JSON forms, and protoc-gen-validate rules (see pgv-rules.ts). Both snake_case and lowerCamelCase
 * field names are accepted, as Envoy's YAML loader does. Returns every problem found. With a
 * `memo`, each object in `memo.shared` is checked once per type however often it occurs.
 */
export function validateBootstrap(obj: unknown, memo?: ProtoMemo): ProtoProblem[] {
  const walker = new MessageWalker(memo);
  walker.message(bootstrapType(), obj, "");
  return walker.problems;
}

/** Checks `obj` as the message with the given full name (e.g. an extension's typed config). */
export function validateMessage(fullName: string, obj: unknown): ProtoProblem[] {
  const type = findMessageType(fullName);
  if (!type) return [{ path: "", message: `no message named ${fullName} in Envoy's protos` }];
  const walker = new MessageWalker();
  walker.message(type, obj, "");
  return walker.problems;
}

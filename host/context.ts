// What host functions act on: the effective context of the running callback. Streams implement
// StreamAccess (http-stream.ts); root contexts only own timers, callouts and queues.
import type { HeaderMap } from "./header-map.ts";

export interface LocalReply {
  status: number;
  body: string;
  /** Extra headers the filter asked for (keys lower-cased). */
  headers: [string, string][];
  /** Response code details, whitespace replaced by '_' as Envoy does. */
  details: string;
  grpcStatus: number | null;
}

/** The per-stream state host functions read and write (implemented by HttpStream). */
export interface StreamAccess {
  readonly contextId: number;
  /** A header map the filter may read now, or null when Envoy has no map there (§2.8). */
  readableMap(type: number): HeaderMap | null;
  /** A header map the filter may modify now, or null (→ BadArgument). */
  writableMap(type: number): HeaderMap | null;
  /** Called after every successful request-header mutation (route cache cleared). */
  requestHeadersModified(): void;
  /** The current body buffer for this phase, or null when not available. */
  body(type: number): Buffer | null;
  setBody(type: number, data: Buffer): void;
  /** Deferred until the callback returns; only the first reply of a stream takes effect. */
  requestLocalReply(reply: LocalReply): void;
  requestContinue(streamType: number): number;
  requestClose(streamType: number): number;
  property(path: string[]): Buffer | null | undefined;
  filterState: Map<string, Buffer>;
}

export type ContextRef =
  | { kind: "root"; id: number }
  | { kind: "stream"; id: number; stream: StreamAccess };

// The state of one HTTP stream that host functions see (StreamAccess): which header maps and
// bodies exist in the current phase (§2.8), deferred effects, filter state and properties.
// HttpStream (http-stream.ts) drives it through Envoy's filter-manager sequence.
import { BufferType, MapType, StreamType, WasmResult } from "./abi/enums.ts";
import type { LocalReply, StreamAccess } from "./context.ts";
import type { HeaderMap } from "./header-map.ts";
import { streamProperty, type StreamFacts } from "./properties.ts";
import type { Vm } from "./vm.ts";

export type StreamMode = "vm" | "bypass" | "fail-closed";

export interface StreamSettings {
  allowOnHeadersStopIteration: boolean;
  bufferLimit: number;
}

/** What went downstream: the upstream's (filtered) response or a local reply. */
export interface DownstreamResponse {
  headers: HeaderMap;
  body: Buffer;
  /** Set when Envoy produced the response itself (filter, router, buffer limit, trap). */
  details: string | null;
}

export abstract class StreamState implements StreamAccess {
  contextId = 0;
  readonly filterState = new Map<string, Buffer>();
  readonly facts: StreamFacts;
  /** Callbacks in the order the guest received them, e.g. "on_request_headers". */
  readonly callbacks: string[] = [];
  /** The local reply that took effect (the filter's or Envoy's), if any. */
  localReply: LocalReply | null = null;
  /** Request headers as the router / upstream get them (set once the filter let them go). */
  forwardedHeaders: HeaderMap | null = null;
  forwardedBody: Buffer = Buffer.alloc(0);
  forwardedTrailers: HeaderMap | null = null;
  requestComplete = false;
  response: DownstreamResponse | null = null;
  routeCacheCleared = false;
  reset = false;
  completed = false;

  protected requestHeaders: HeaderMap | null = null;
  protected requestHeadersHeld = false;
  protected requestTrailers: HeaderMap | null = null;
  protected responseHeaders: HeaderMap | null = null;
  protected responseHeadersHeld = false;
  protected responseTrailers: HeaderMap | null = null;
  protected requestBody: Buffer | null = null;
  protected responseBody: Buffer | null = null;
  protected bufferedRequest: Buffer = Buffer.alloc(0);
  protected bufferedResponse: Buffer = Buffer.alloc(0);
  protected requestEnded = false;
  protected pendingReply: LocalReply | null = null;
  protected inCallback = false;
  protected inLog = false;
  protected contextCreated = false;
  protected requestDecodingDone = false;

  constructor(protected vm: Vm | null, public mode: StreamMode, protected readonly settings: StreamSettings,
    connection: StreamFacts["connection"], nowNanos: bigint) {
    this.facts = { connection, requestHeaders: null, responseHeaders: null, responseCodeDetails: null,
      startNanos: nowNanos, route: null, upstreamAddress: null, requestBodyBytes: 0, responseBodyBytes: 0,
      endNanos: null, upstreamNanos: null };
  }

  protected abstract runPendingReply(): void;
  protected abstract resumeRequest(): void;
  protected abstract resumeResponse(): void;
  protected abstract resetStream(details: string): void;

  // ---- StreamAccess (used by host functions) ----

  readableMap(type: number): HeaderMap | null {
    if (type === MapType.RequestHeaders) return this.requestHeadersHeld || this.inLog ? this.requestHeaders : null;
    if (type === MapType.ResponseHeaders) return this.responseHeadersHeld || this.inLog ? this.responseHeaders : null;
    if (type === MapType.RequestTrailers) return this.inLog ? null : this.requestTrailers;
    if (type === MapType.ResponseTrailers) return this.responseTrailers;
    return null;
  }

  writableMap(type: number): HeaderMap | null {
    if (this.inLog) return null;
    return this.readableMap(type);
  }

  requestHeadersModified(): void {
    this.routeCacheCleared = true;
  }

  body(type: number): Buffer | null {
    return type === BufferType.RequestBody ? this.requestBody : this.responseBody;
  }

  setBody(type: number, data: Buffer): void {
    if (type === BufferType.RequestBody) this.requestBody = data;
    else this.responseBody = data;
  }

  requestLocalReply(reply: LocalReply): void {
    if (this.pendingReply !== null || this.localReply !== null) return;
    this.pendingReply = reply;
    if (!this.inCallback) this.vm?.afterCall.push(() => this.runPendingReply());
  }

  requestContinue(type: number): number {
    if (this.inCallback) return WasmResult.Ok;
    if (type === StreamType.Request) this.vm?.afterCall.push(() => this.resumeRequest());
    if (type === StreamType.Response) this.vm?.afterCall.push(() => this.resumeResponse());
    return WasmResult.Ok;
  }

  requestClose(type: number): number {
    if (type === StreamType.Request || type === StreamType.Response) {
      this.vm?.afterCall.push(() => this.resetStream("wasm_close_stream"));
    }
    return WasmResult.Ok;
  }

  property(path: string[]): Buffer | null {
    this.facts.responseBodyBytes = this.response?.body.length ?? 0;
    return streamProperty(path, this.facts);
  }
}

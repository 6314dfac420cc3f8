// One HTTP stream through the plugin, as Envoy's filter manager drives a Wasm HTTP filter: lazy
// context creation, Envoy's status conversion, map availability, body buffering and its limit,
// deferred local replies that run back through the plugin's response callbacks (first reply
// wins), pause/continue, traps under the failure policy, and on_log → on_done → on_delete.
import { dataAction, headersAction, trailersAction, type DataAction, type HeadersAction,
  type TrailersAction } from "./abi/enums.ts";
import type { Pair } from "./abi/pairs.ts";
import type { ContextRef, LocalReply } from "./context.ts";
import { HeaderMap, REQUEST_INLINE_HEADERS, REQUEST_TRAILER_INLINE_HEADERS, RESPONSE_INLINE_HEADERS,
  RESPONSE_TRAILER_INLINE_HEADERS } from "./header-map.ts";
import type { StreamFacts } from "./properties.ts";
import { StreamState, type StreamMode, type StreamSettings } from "./stream-state.ts";
import type { Vm } from "./vm.ts";

export type { DownstreamResponse, StreamMode, StreamSettings } from "./stream-state.ts";

export type HeadersInput = Record<string, string | string[]> | Pair[];
const toMap = (h: HeadersInput, inline: ReadonlySet<string>) => (Array.isArray(h) ? new HeaderMap(h, inline) : HeaderMap.fromObject(h, inline));

export class HttpStream extends StreamState {
  constructor(vm: Vm | null, mode: StreamMode, settings: StreamSettings, connection: StreamFacts["connection"], nowNanos: bigint,
    /** Envoy's router runs when the headers leave the filter (it may answer 404/503 right then). */
    private readonly onHeadersForwarded: (s: HttpStream) => void = () => {}) {
    super(vm, mode, settings, connection, nowNanos);
  }

  // ---- driving the stream (the test API) ----

  sendRequestHeaders(headers: HeadersInput, endOfStream = false): HeadersAction {
    this.requestHeaders = toMap(headers, REQUEST_INLINE_HEADERS);
    this.facts.requestHeaders = this.requestHeaders;
    this.requestEnded = endOfStream;
    if (this.mode === "fail-closed") return this.failClosed("stop-all-watermark");
    if (this.mode === "bypass") return this.forwardHeaders(), "continue";
    this.createContext();
    this.requestHeadersHeld = true;
    const status = this.dispatch("proxy_on_request_headers", this.requestHeaders.count, endOfStream ? 1 : 0);
    if (status === null) return this.onTrap("stop-all-watermark");
    if (this.afterCallback()) return "stop-all-watermark";
    const action = headersAction(status, this.settings.allowOnHeadersStopIteration);
    if (action === "continue") this.forwardHeaders();
    return action;
  }

  sendRequestBody(data: Buffer | string, endOfStream = false): DataAction {
    const chunk = Buffer.from(data);
    this.facts.requestBodyBytes += chunk.length;
    if (this.requestDecodingDone) return "stop-no-buffer";
    this.requestEnded = endOfStream;
    if (this.mode !== "vm") return this.forwardBody(chunk), "continue";
    if (this.requestHeadersHeld) {
      // Headers stopped-all: Envoy buffers the body and does not call on_request_body.
      this.bufferedRequest = Buffer.concat([this.bufferedRequest, chunk]);
      return "stop-watermark";
    }
    return this.deliverRequestBody(chunk, endOfStream);
  }

  sendRequestTrailers(trailers: HeadersInput): TrailersAction {
    if (this.requestDecodingDone || this.mode !== "vm") {
      this.forwardedTrailers = toMap(trailers, REQUEST_TRAILER_INLINE_HEADERS);
      return "continue";
    }
    this.requestEnded = true;
    this.requestTrailers = toMap(trailers, REQUEST_TRAILER_INLINE_HEADERS);
    const status = this.dispatch("proxy_on_request_trailers", this.requestTrailers.count);
    if (status === null) return this.onTrap("stop-iteration");
    if (this.afterCallback()) return "stop-iteration";
    const action = trailersAction(status);
    if (action === "continue") this.finishRequest();
    return action;
  }

  sendResponseHeaders(headers: HeadersInput, endOfStream = false): HeadersAction {
    const map = toMap(headers, RESPONSE_INLINE_HEADERS);
    this.responseHeaders = map;
    this.facts.responseHeaders = map;
    if (this.localReply !== null) return "continue"; // the upstream response was replaced
    if (this.mode !== "vm" || this.vm!.failed || !this.contextCreated) {
      this.response = { headers: map, body: Buffer.alloc(0), details: null };
      return "continue";
    }
    this.responseHeadersHeld = true;
    const status = this.dispatch("proxy_on_response_headers", map.count, endOfStream ? 1 : 0);
    if (status === null) return this.onTrap("stop-all-watermark");
    if (this.afterCallback()) return "stop-all-watermark";
    const action = headersAction(status, this.settings.allowOnHeadersStopIteration);
    if (action === "continue") this.releaseResponseHeaders();
    return action;
  }

  sendResponseBody(data: Buffer | string, endOfStream = false): DataAction {
    const chunk = Buffer.from(data);
    if (this.localReply !== null) return "continue"; // the upstream response was replaced
    if (this.mode !== "vm" || this.vm!.failed || !this.contextCreated) {
      this.appendResponse(chunk);
      return "continue";
    }
    if (this.responseHeadersHeld) {
      this.bufferedResponse = Buffer.concat([this.bufferedResponse, chunk]);
      return "stop-watermark";
    }
    return this.deliverResponseBody(chunk, endOfStream);
  }

  sendResponseTrailers(trailers: HeadersInput): TrailersAction {
    this.responseTrailers = toMap(trailers, RESPONSE_TRAILER_INLINE_HEADERS);
    if (this.mode !== "vm" || this.vm!.failed || !this.contextCreated) return "continue";
    const status = this.dispatch("proxy_on_response_trailers", this.responseTrailers.count);
    if (status === null) return "continue";
    return trailersAction(status);
  }

  /** Envoy's own local reply (router 404/503, 413, trap): runs through the response callbacks. */
  sendEnvoyLocalReply(status: number, body: string, details: string): void {
    if (this.localReply !== null) return;
    this.takeLocalReply({ status, body, headers: [], details, grpcStatus: null });
  }

  /** Envoy's codec refused the request: a plain reply, the filter is never called. */
  rejectBeforeFilters(status: number, body: string, head = false): void {
    const headers = new HeaderMap([[":status", String(status)]]);
    if (body.length > 0) headers.add("content-length", String(body.length)), headers.add("content-type", "text/plain");
    this.localReply = { status, body, headers: [], details: "codec_error", grpcStatus: null };
    this.response = { headers, body: Buffer.from(head ? "" : body, "latin1"), details: "codec_error" };
    this.mode = "bypass";
    this.completed = true;
  }

  /** The client went away: no more request or response callbacks; log/done/delete still run. */
  resetByClient(): void {
    this.reset = true;
    this.complete();
  }

  /** End of stream: access log then destruction, like Envoy (on_log → on_done → on_delete). */
  complete(): void {
    if (this.completed) return;
    this.completed = true;
    if (this.mode !== "vm" || this.vm === null || this.vm.failed) return;
    this.facts.endNanos = this.vm.runtime.nowNanos();
    this.createContext();
    this.inLog = true;
    this.dispatch("proxy_on_log");
    this.inLog = false;
    this.dispatch("proxy_on_done");
    this.dispatch("proxy_on_delete");
    this.vm.streams.delete(this.contextId);
  }

  /** Current request headers as the filter left them (also after they were forwarded). */
  get currentRequestHeaders(): HeaderMap | null {
    return this.requestHeaders;
  }

  get currentResponseHeaders(): HeaderMap | null {
    return this.responseHeaders;
  }

  // ---- internals ----

  private get ctx(): ContextRef {
    return { kind: "stream", id: this.contextId, stream: this };
  }

  private createContext(): void {
    if (this.contextCreated || this.vm === null) return;
    this.contextCreated = true;
    this.contextId = this.vm.newContextId();
    this.vm.streams.set(this.contextId, this);
    this.dispatch("proxy_on_context_create", this.vm.rootId);
  }

  private dispatch(name: string, ...args: number[]): number | null {
    if (name !== "proxy_on_context_create" && name !== "proxy_on_delete") this.callbacks.push(name.slice(6));
    this.inCallback = true;
    try {
      return this.vm!.callOr(0, this.ctx, name, this.contextId, ...args);
    } finally {
      this.inCallback = false;
    }
  }

  /** After a callback: a requested local reply runs now. True when one did. */
  private afterCallback(): boolean {
    if (this.pendingReply === null) return false;
    this.runPendingReply();
    return true;
  }

  protected runPendingReply(): void {
    const reply = this.pendingReply;
    this.pendingReply = null;
    if (reply === null || this.localReply !== null) return;
    this.takeLocalReply(reply);
  }

  private takeLocalReply(reply: LocalReply): void {
    this.localReply = reply;
    this.requestDecodingDone = true;
    this.requestHeadersHeld = false;
    const headers = new HeaderMap([[":status", String(reply.status)]], RESPONSE_INLINE_HEADERS);
    if (reply.body.length > 0) {
      headers.add("content-length", String(Buffer.byteLength(reply.body, "latin1")));
      headers.add("content-type", "text/plain");
    }
    for (const [k, v] of reply.headers) headers.add(k, v);
    if (reply.grpcStatus !== null) headers.add("grpc-status", String(reply.grpcStatus));
    this.facts.responseCodeDetails = reply.details;
    const body = Buffer.from(reply.body, "latin1");
    if (this.responseHeaders !== null && this.responseHeadersHeld) {
      // Upstream headers still held: Envoy replaces the response without filter callbacks.
      this.responseHeadersHeld = false;
      this.response = { headers, body, details: reply.details };
      return;
    }
    if (this.response !== null) return this.resetStream("local_reply_after_response");
    this.response = { headers, body: Buffer.alloc(0), details: reply.details };
    if (this.mode !== "vm" || this.vm === null || this.vm.failed || !this.contextCreated) {
      if (this.requestHeaders?.get(":method") !== "HEAD") this.response.body = body;
      return;
    }
    this.responseHeaders = headers;
    this.facts.responseHeaders = headers;
    this.responseHeadersHeld = true;
    // A reply to HEAD keeps its content-length but sends no body (Envoy ends the stream at headers).
    const head = this.requestHeaders?.get(":method") === "HEAD";
    const status = this.dispatch("proxy_on_response_headers", headers.count, body.length === 0 || head ? 1 : 0);
    this.responseHeadersHeld = false;
    if (status === null) return;
    if (body.length > 0 && !head) {
      this.responseBody = body;
      this.dispatch("proxy_on_response_body", body.length, 1);
      this.response.body = this.responseBody ?? body;
      this.responseBody = null;
    }
  }

  protected resetStream(details: string): void {
    this.reset = true;
    this.facts.responseCodeDetails = details;
  }

  /**
   * The VM trapped (now or earlier) during this stream's callback. Envoy 1.40 answers THIS stream
   * with 503 `wasm_fail_stream` under every failure policy, FAIL_OPEN included (verified in
   * test/scenarios/probe-trap-fail-open.yaml); the policy only decides what later streams get.
   */
  private onTrap<T extends string>(closedAction: T): T {
    this.sendEnvoyLocalReply(503, "", "wasm_fail_stream");
    return closedAction;
  }

  private failClosed<T>(action: T): T {
    this.sendEnvoyLocalReply(503, "", "wasm_fail_stream");
    return action;
  }

  private forwardHeaders(): void {
    this.requestHeadersHeld = false;
    this.forwardedHeaders = this.requestHeaders;
    this.onHeadersForwarded(this);
    if (this.localReply === null && this.requestEnded && this.bufferedRequest.length === 0) this.finishRequest();
  }

  private deliverRequestBody(chunk: Buffer, endOfStream: boolean): DataAction {
    this.requestBody = Buffer.concat([this.bufferedRequest, chunk]);
    this.bufferedRequest = Buffer.alloc(0);
    const status = this.dispatch("proxy_on_request_body", this.requestBody.length, endOfStream ? 1 : 0);
    const body = this.requestBody;
    this.requestBody = null;
    if (status === null) return this.onTrap("stop-no-buffer");
    if (this.afterCallback()) return "stop-no-buffer";
    const action = dataAction(status);
    if (action === "continue") this.forwardBody(body);
    else if (action === "stop-buffer") {
      if (body.length > this.settings.bufferLimit) {
        this.sendEnvoyLocalReply(413, "Payload Too Large", "request_payload_too_large");
        return "stop-no-buffer";
      }
      this.bufferedRequest = body;
    }
    return action;
  }

  private forwardBody(chunk: Buffer): void {
    this.forwardedBody = Buffer.concat([this.forwardedBody, chunk]);
    if (this.requestEnded) this.finishRequest();
  }

  private finishRequest(): void {
    if (this.requestComplete) return;
    this.requestComplete = true;
    this.requestDecodingDone = true;
  }

  protected resumeRequest(): void {
    if (!this.requestHeadersHeld || this.localReply !== null) return;
    this.forwardHeaders();
    if (this.bufferedRequest.length > 0 || (this.requestEnded && !this.requestComplete)) {
      const body = this.bufferedRequest;
      this.bufferedRequest = Buffer.alloc(0);
      this.deliverRequestBody(body, this.requestEnded);
    }
  }

  private releaseResponseHeaders(): void {
    this.responseHeadersHeld = false;
    this.response = { headers: this.responseHeaders!, body: Buffer.alloc(0), details: this.response?.details ?? null };
  }

  protected resumeResponse(): void {
    if (!this.responseHeadersHeld) return;
    this.releaseResponseHeaders();
    if (this.bufferedResponse.length > 0) {
      const body = this.bufferedResponse;
      this.bufferedResponse = Buffer.alloc(0);
      this.deliverResponseBody(body, true);
    }
  }

  private deliverResponseBody(chunk: Buffer, endOfStream: boolean): DataAction {
    this.responseBody = Buffer.concat([this.bufferedResponse, chunk]);
    this.bufferedResponse = Buffer.alloc(0);
    const status = this.dispatch("proxy_on_response_body", this.responseBody.length, endOfStream ? 1 : 0);
    const body = this.responseBody;
    this.responseBody = null;
    if (status === null) return this.onTrap("stop-no-buffer");
    if (this.afterCallback()) return "stop-no-buffer";
    const action = dataAction(status);
    if (action === "continue") this.appendResponse(body);
    else if (action === "stop-buffer") {
      if (body.length > this.settings.bufferLimit) {
        this.sendEnvoyLocalReply(500, "Internal Server Error", "response_payload_too_large");
        return "stop-no-buffer";
      }
      this.bufferedResponse = body;
    }
    return action;
  }

  private appendResponse(chunk: Buffer): void {
    if (this.response === null) return;
    this.response.body = Buffer.concat([this.response.body, chunk]);
  }
}

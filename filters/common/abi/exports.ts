// The module's exports Envoy calls (proxy-wasm ABI 0.2.1). Each filter's index.ts re-exports
// this module: `export * from "../common/abi/exports"`.
import "./abort";
import { roots, streams, createContext } from "./context";
import { HeadersStatus, DataStatus } from "./enums";
import { allocHostBlock } from "./host-blocks";

export function proxy_abi_version_0_2_1(): void {}

/** Envoy allocates returned buffers here (host-blocks.ts: the heap, or a region a filter lends). */
export function malloc(size: usize): usize {
  return allocHostBlock(size);
}

export function proxy_on_memory_allocate(size: usize): usize {
  return allocHostBlock(size);
}

export function proxy_on_context_create(contextId: u32, parentId: u32): void {
  createContext(contextId, parentId);
}

export function proxy_on_vm_start(rootId: u32, vmConfigSize: u32): bool {
  return roots.has(rootId) ? roots.get(rootId).onVmStart(vmConfigSize) : true;
}

export function proxy_on_configure(rootId: u32, configSize: u32): bool {
  return roots.has(rootId) ? roots.get(rootId).onConfigure(configSize) : false;
}

export function proxy_on_tick(rootId: u32): void {
  if (roots.has(rootId)) roots.get(rootId).onTick();
}

export function proxy_on_http_call_response(rootId: u32, token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {
  if (roots.has(rootId)) roots.get(rootId).onHttpCallResponse(token, numHeaders, bodySize, numTrailers);
}

export function proxy_on_request_headers(id: u32, numHeaders: u32, endOfStream: bool): u32 {
  return streams.has(id) ? streams.get(id).onRequestHeaders(numHeaders, endOfStream) : HeadersStatus.Continue;
}

export function proxy_on_request_body(id: u32, bodySize: u32, endOfStream: bool): u32 {
  return streams.has(id) ? streams.get(id).onRequestBody(bodySize, endOfStream) : DataStatus.Continue;
}

export function proxy_on_response_headers(id: u32, numHeaders: u32, endOfStream: bool): u32 {
  return streams.has(id) ? streams.get(id).onResponseHeaders(numHeaders, endOfStream) : HeadersStatus.Continue;
}

export function proxy_on_response_body(id: u32, bodySize: u32, endOfStream: bool): u32 {
  return streams.has(id) ? streams.get(id).onResponseBody(bodySize, endOfStream) : DataStatus.Continue;
}

export function proxy_on_log(id: u32): void {
  if (streams.has(id)) streams.get(id).onLog();
}

export function proxy_on_done(id: u32): bool {
  if (streams.has(id)) {
    streams.get(id).onDone();
    return true;
  }
  return roots.has(id) ? roots.get(id).onDone() : true;
}

export function proxy_on_delete(id: u32): void {
  if (streams.has(id)) streams.delete(id);
  else if (roots.has(id)) roots.delete(id);
}

// The guest's side of Envoy's context model: one root context per plugin (parses config once),
// one HTTP context per request (does little). Filters subclass both and register a factory.
import { HeadersStatus, DataStatus } from "./enums";

export class RootContext {
  constructor(readonly id: u32) {}
  onVmStart(vmConfigSize: u32): bool { return true; }
  /** Return false to make Envoy reject the plugin (and the bootstrap or xDS update). */
  onConfigure(configSize: u32): bool { return true; }
  onTick(): void {}
  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {}
  /** The context for a new request; null leaves the request alone. */
  newHttpContext(id: u32): HttpContext | null { return null; }
  onDone(): bool { return true; }
}

export class HttpContext {
  constructor(readonly id: u32, readonly root: RootContext) {}
  onRequestHeaders(numHeaders: u32, endOfStream: bool): u32 { return HeadersStatus.Continue; }
  onRequestBody(bodySize: u32, endOfStream: bool): u32 { return DataStatus.Continue; }
  onResponseHeaders(numHeaders: u32, endOfStream: bool): u32 { return HeadersStatus.Continue; }
  onResponseBody(bodySize: u32, endOfStream: bool): u32 { return DataStatus.Continue; }
  /** Access-log phase: Envoy calls it once the request is complete, before onDone. */
  onLog(): void {}
  onDone(): void {}
}

let rootFactory: ((id: u32) => RootContext) | null = null;
export const roots = new Map<u32, RootContext>();
export const streams = new Map<u32, HttpContext>();

/** Installs the filter's root-context factory; call it from the filter's top level. */
export function registerRootContext(factory: (id: u32) => RootContext): void {
  rootFactory = factory;
}

export function createContext(id: u32, parentId: u32): void {
  if (parentId == 0) {
    const factory = rootFactory;
    if (factory === null) return;
    roots.set(id, factory(id));
    return;
  }
  if (!roots.has(parentId)) return;
  const stream = roots.get(parentId).newHttpContext(id);
  if (stream !== null) streams.set(id, stream);
}

// noop: a filter that does nothing per request. The floor for benchmarks: what any proxy-wasm
// filter costs in Envoy (context creation, callbacks) before it does any work.
export * from "../common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../common/abi/context";

class NoopRoot extends RootContext {
  newHttpContext(id: u32): HttpContext | null {
    return new HttpContext(id, this);
  }
}

registerRootContext((id: u32): RootContext => new NoopRoot(id));

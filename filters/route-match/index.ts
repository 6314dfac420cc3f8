// route-match: decides each request's route and destination cluster and hands them to Envoy's
// router as request headers (the generated routes select on x-wasmesh-route and forward to
// cluster_header x-wasmesh-cluster). Under ABI 0.2.1 Envoy re-runs route selection after each
// request-header write, so no route-cache call is needed (or allowed).
export * from "../common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../common/abi/context";
import { HeadersStatus, LogLevel, MapType, BufferType } from "../common/abi/enums";
import { getBuffer, getHeader, replaceHeader, sendLocalResponse, log } from "../common/abi/host";
import { utf8 } from "../common/bytes";
import { encodePairs } from "../common/headers/pairs";
import { decodeConfig, RouteMatchConfig } from "./config";
import { selectRoute, pathLength } from "./match";

const PATH = utf8(":path");
const ROUTE_HEADER = utf8("x-wasmesh-route");
const CLUSTER_HEADER = utf8("x-wasmesh-cluster");
const NOT_FOUND_BODY = utf8("no route matched\n");
const NO_HEADERS = encodePairs([], []);

class RouteMatchRoot extends RootContext {
  config: RouteMatchConfig | null = null;

  onConfigure(configSize: u32): bool {
    const bytes = getBuffer(BufferType.PluginConfiguration, 0, configSize);
    const config: RouteMatchConfig | null = bytes === null ? null : decodeConfig(bytes);
    if (config === null) {
      log(LogLevel.Error, "route-match: invalid configuration, rejected");
      return false;
    }
    this.config = config;
    return true;
  }

  newHttpContext(id: u32): HttpContext | null {
    return new RouteMatchStream(id, this);
  }
}

class RouteMatchStream extends HttpContext {
  onRequestHeaders(numHeaders: u32, endOfStream: bool): u32 {
    const config = (this.root as RouteMatchRoot).config!;
    const path = getHeader(MapType.RequestHeaders, PATH);
    const ptr: usize = path === null ? 0 : changetype<usize>(path);
    const len: usize = path === null ? 0 : pathLength(ptr, <usize>path.byteLength);
    const i = selectRoute(config.routes, ptr, len);
    if (i < 0) {
      sendLocalResponse(404, "wasmesh_no_route", NOT_FOUND_BODY, NO_HEADERS);
      return HeadersStatus.Stop;
    }
    const route = unchecked(config.routes[i]);
    replaceHeader(MapType.RequestHeaders, ROUTE_HEADER, route.id);
    replaceHeader(MapType.RequestHeaders, CLUSTER_HEADER, route.cluster);
    return HeadersStatus.Continue;
  }
}

registerRootContext((id: u32): RootContext => new RouteMatchRoot(id));

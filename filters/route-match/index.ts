// route-match: decides each request's route and destination cluster and hands them to Envoy's
// router as request headers (the generated routes select on x-wasmesh-route and forward to
// cluster_header x-wasmesh-cluster). Both are written with replace, so a request that carries
// them cannot steer itself. Under ABI 0.2.1 Envoy re-runs route selection after each
// request-header write, so no route-cache call is needed (or allowed).
export * from "../common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../common/abi/context";
import { HeadersStatus, LogLevel, MapType, BufferType } from "../common/abi/enums";
import { getBuffer, replaceHeader, log } from "../common/abi/host";
import { utf8 } from "../common/bytes";
import { normalizePath, pathEnd, PathVerdict } from "../common/path/normalize";
import { PathBuffer } from "../common/path/buffer";
import { decodeConfig } from "./config";
import { RequestFacts } from "./conditions";
import { pickDestination } from "./destination";
import { Route, RouteMatchConfig } from "./model";
import { selectRoute } from "./select";
import { LocalReply } from "./reply";
import { collectAfterConfigure, collectAfterRequest } from "./collect";

const ROUTE_HEADER = utf8("x-wasmesh-route");
const CLUSTER_HEADER = utf8("x-wasmesh-cluster");
const DEBUG_HEADER = utf8("x-wasmesh-matched-route");
const NOT_FOUND = new LocalReply(404, "wasmesh_no_route", "no route matched\n");
const BAD_PATH = new LocalReply(400, "wasmesh_path_rejected", "request path rejected\n");

// Per-request scratch, allocated once: callbacks never overlap within a VM.
const facts = new RequestFacts();
const normalized = new PathBuffer(256);

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
    collectAfterConfigure();
    return true;
  }

  newHttpContext(id: u32): HttpContext | null {
    return new RouteMatchStream(id, this);
  }
}

class RouteMatchStream extends HttpContext {
  matched: Route | null = null;

  onRequestHeaders(numHeaders: u32, endOfStream: bool): u32 {
    const config = (this.root as RouteMatchRoot).config;
    if (config === null) return HeadersStatus.Continue;
    const headers = facts.headers;
    headers.load();
    const status = this.decide(config);
    headers.release();
    return status;
  }

  private decide(config: RouteMatchConfig): u32 {
    const headers = facts.headers;
    const a = headers.authority;
    const vh = a < 0 ? -1 : config.hosts.select(headers.valuePtr(a), headers.valueLength(a));
    const p = headers.path;
    if (vh < 0 || p < 0) return NOT_FOUND.send();
    const pathPtr = headers.valuePtr(p), pathLen = headers.valueLength(p);
    if (normalizePath(pathPtr, pathLen, normalized) != PathVerdict.Ok) return BAD_PATH.send();
    facts.pathPtr = normalized.ptr;
    facts.pathLen = <usize>normalized.length;
    const q = pathEnd(pathPtr, pathLen);
    facts.queryPtr = q < pathLen ? pathPtr + q + 1 : pathPtr + pathLen;
    facts.queryLen = q < pathLen ? pathLen - q - 1 : 0;
    const m = headers.method;
    facts.methodPtr = m < 0 ? 0 : headers.valuePtr(m);
    facts.methodLen = m < 0 ? 0 : headers.valueLength(m);

    const host = unchecked(config.virtualHosts[vh]);
    const r = selectRoute(host, facts);
    if (r < 0) return NOT_FOUND.send();
    const route = unchecked(host.routes[r]);
    const cluster = unchecked(route.clusters[pickDestination(route, headers)]);
    replaceHeader(MapType.RequestHeaders, ROUTE_HEADER, route.id);
    replaceHeader(MapType.RequestHeaders, CLUSTER_HEADER, cluster);
    if (config.debugHeader) this.matched = route;
    return HeadersStatus.Continue;
  }

  onResponseHeaders(numHeaders: u32, endOfStream: bool): u32 {
    const route = this.matched;
    if (route !== null) replaceHeader(MapType.ResponseHeaders, DEBUG_HEADER, route.id);
    return HeadersStatus.Continue;
  }

  onDone(): void {
    collectAfterRequest();
  }
}

registerRootContext((id: u32): RootContext => new RouteMatchRoot(id));

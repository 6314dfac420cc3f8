// Callouts (§2.9): http_call is owned by the root context; the test answers it through the
// plugin's callout handler. gRPC needs Envoy GrpcService clusters: unknown cluster → ParseFailure.
import { WasmResult } from "../abi/enums.ts";
import { decodePairs } from "../abi/pairs.ts";
import { HeaderMap } from "../header-map.ts";
import type { ImportArea } from "./types.ts";

export const httpCallImports: ImportArea = (vm, mem) => ({
  proxy_http_call(cPtr: number, cLen: number, hPtr: number, hLen: number, bPtr: number, bLen: number,
    tPtr: number, tLen: number, timeoutMs: number, retToken: number) {
    const cluster = mem().readString(cPtr, cLen);
    const hdrs = mem().read(hPtr, hLen);
    const body = mem().read(bPtr, bLen);
    const trls = mem().read(tPtr, tLen);
    if (cluster === null || hdrs === null || body === null || trls === null) return WasmResult.InvalidMemoryAccess;
    if (timeoutMs >>> 0 > 0x7fffffff) return WasmResult.BadArgument;
    if (!vm.runtime.clusters.has(cluster)) return WasmResult.BadArgument;
    const headers = new HeaderMap(decodePairs(hdrs) ?? []);
    if (!headers.has(":path") || !headers.has(":method") || !headers.has(":authority")) return WasmResult.BadArgument;
    if (body.length > 0) headers.replace("content-length", String(body.length));
    const token = vm.nextCalloutToken;
    if (!mem().writeU32(retToken, token)) return WasmResult.InvalidMemoryAccess;
    vm.nextCalloutToken += 4;
    vm.runtime.onCallout({ cluster, headers, body, trailers: new HeaderMap(decodePairs(trls) ?? []), timeoutMs: timeoutMs >>> 0, token, vm });
    return WasmResult.Ok;
  },
  proxy_get_status(retCode: number, retPtr: number, retLen: number) {
    if (!mem().writeU32(retCode, vm.lastStatus.code)) return WasmResult.InvalidMemoryAccess;
    return mem().returnBytes(Buffer.from(vm.lastStatus.message), retPtr, retLen);
  },
  proxy_grpc_call: () => WasmResult.ParseFailure,
  proxy_grpc_stream: () => WasmResult.ParseFailure,
  proxy_grpc_send: () => WasmResult.NotFound,
  proxy_grpc_cancel: () => WasmResult.NotFound,
  proxy_grpc_close: () => WasmResult.NotFound,
});

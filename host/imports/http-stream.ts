// Stream control (§2.6, §2.7): local replies, continue and close. All are deferred until the
// guest callback returns, and all return Ok yet do nothing on a root context.
import { StreamType, WasmResult } from "../abi/enums.ts";
import { decodePairs } from "../abi/pairs.ts";
import type { ImportArea } from "./types.ts";

export const httpStreamImports: ImportArea = (vm, mem) => ({
  proxy_send_local_response(status: number, dPtr: number, dLen: number, bPtr: number, bLen: number,
    hPtr: number, hLen: number, grpcStatus: number) {
    const details = mem().read(dPtr, dLen);
    const body = mem().read(bPtr, bLen);
    const headers = mem().read(hPtr, hLen);
    if (details === null || body === null || headers === null) return WasmResult.InvalidMemoryAccess;
    const ctx = vm.effective;
    if (ctx?.kind !== "stream") return WasmResult.Ok;
    ctx.stream.requestLocalReply({
      status: status >>> 0,
      body: body.toString("latin1"),
      headers: (decodePairs(headers) ?? []).map(([k, v]) => [k.toLowerCase(), v]),
      details: details.toString("latin1").replace(/\s/g, "_"),
      grpcStatus: grpcStatus >= 0 && grpcStatus <= 16 ? grpcStatus : null,
    });
    return WasmResult.Ok;
  },
  proxy_continue_stream(type: number) {
    if (type > StreamType.Upstream) return WasmResult.BadArgument;
    if (type === StreamType.Upstream) return WasmResult.Unimplemented;
    const ctx = vm.effective;
    return ctx?.kind === "stream" ? ctx.stream.requestContinue(type) : WasmResult.Ok;
  },
  proxy_close_stream(type: number) {
    if (type > StreamType.Upstream) return WasmResult.BadArgument;
    const ctx = vm.effective;
    return ctx?.kind === "stream" ? ctx.stream.requestClose(type) : WasmResult.Ok;
  },
});

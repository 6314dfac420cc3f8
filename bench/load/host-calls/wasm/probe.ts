// A wasm filter for measuring what one host call costs inside Envoy: its plugin configuration is
// "<kind> <n>" and on every request's headers it makes that host call n times (kind "none" makes
// none: the proxy-wasm floor). Built by bench/load/host-calls/run.ts, never shipped.
export * from "../../../../filters/common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../../../../filters/common/abi/context";
import { BufferType, MapType, MetricType } from "../../../../filters/common/abi/enums";
import * as env from "../../../../filters/common/abi/imports";
import { defineMetric, getBuffer, propertyPath } from "../../../../filters/common/abi/host";
import { utf8 } from "../../../../filters/common/bytes";

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, written: usize): u16;

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);
const PATH = utf8(":path");
const PROBE = utf8("x-probe");
const VALUE = utf8("1");
const SOURCE_ADDRESS = propertyPath(["source", "address"]);
// A 200-byte line, about an access record's size.
const LINE = utf8("{\"probe\":\"" + "x".repeat(186) + "\"}\n");
const IOV: usize = memory.data(8);
const WRITTEN: usize = memory.data(4);

function freeReturned(): void {
  const ptr = load<usize>(RET_PTR);
  if (ptr != 0) heap.free(ptr);
  store<usize>(RET_PTR, 0);
}

class ProbeRoot extends RootContext {
  kind: string = "none";
  count: i32 = 0;
  metric: u32 = 0;

  onConfigure(configSize: u32): bool {
    const bytes = getBuffer(BufferType.PluginConfiguration, 0, configSize);
    if (bytes === null) return false;
    const parts = String.UTF8.decode(bytes).split(" ");
    if (parts.length != 2) return false;
    this.kind = parts[0];
    this.count = I32.parseInt(parts[1]);
    this.metric = defineMetric(MetricType.Counter, "probe_calls");
    return ["none", "pairs", "value", "property", "metric", "replace", "stdout"].includes(this.kind);
  }

  newHttpContext(id: u32): HttpContext | null {
    return new ProbeStream(id, this);
  }
}

class ProbeStream extends HttpContext {
  onRequestHeaders(numHeaders: u32, endOfStream: bool): u32 {
    const root = this.root as ProbeRoot;
    const kind = root.kind, n = root.count;
    for (let i = 0; i < n; i++) {
      if (kind == "pairs") {
        env.proxy_get_header_map_pairs(MapType.RequestHeaders, RET_PTR, RET_LEN);
        freeReturned();
      } else if (kind == "value") {
        env.proxy_get_header_map_value(MapType.RequestHeaders, changetype<usize>(PATH), PATH.byteLength, RET_PTR, RET_LEN);
        freeReturned();
      } else if (kind == "property") {
        env.proxy_get_property(changetype<usize>(SOURCE_ADDRESS), SOURCE_ADDRESS.byteLength, RET_PTR, RET_LEN);
        freeReturned();
      } else if (kind == "metric") {
        env.proxy_increment_metric(root.metric, 1);
      } else if (kind == "stdout") {
        store<u32>(IOV, <u32>changetype<usize>(LINE));
        store<u32>(IOV, LINE.byteLength, 4);
        fd_write(1, IOV, 1, WRITTEN);
      } else if (kind == "replace") {
        env.proxy_replace_header_map_value(MapType.RequestHeaders, changetype<usize>(PROBE), PROBE.byteLength, changetype<usize>(VALUE), VALUE.byteLength);
      }
    }
    return 0;
  }
}

registerRootContext((id: u32): RootContext => new ProbeRoot(id));

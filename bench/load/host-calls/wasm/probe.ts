// A wasm filter for measuring what one host call costs inside Envoy: its plugin configuration is
// "<kind> <n>" and on every request's headers it makes that host call n times (kind "none" makes
// none: the proxy-wasm floor). Built by bench/load/host-calls/build-probe.ts, never shipped.
//
// Batched reads (the "batch" kinds): further configuration lines "expr <CEL expression>" and
// "prop <segment>.<segment>…" list what to read. At on_configure every expr line is compiled once
// with the foreign function expr_create (argument: the expression text; result: a u32 token).
// In on_log, kind "cel" evaluates every expression n times (expr_evaluate, argument: the 4-byte
// token) and "props" reads every prop line n times (proxy_get_property); kind "dump" does each
// once and logs "probe-dump <line> <status> <hex of the returned bytes>[ token=<n>]" at warn, for
// test/bench/host-calls-batch.test.ts to decode.
export * from "../../../../filters/common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../../../../filters/common/abi/context";
import { BufferType, LogLevel, MapType, MetricType } from "../../../../filters/common/abi/enums";
import * as env from "../../../../filters/common/abi/imports";
import { defineMetric, getBuffer, log, propertyPath } from "../../../../filters/common/abi/host";
import { utf8 } from "../../../../filters/common/bytes";

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, written: usize): u16;

@external("env", "proxy_call_foreign_function")
declare function proxy_call_foreign_function(namePtr: usize, nameLen: usize, argsPtr: usize, argsLen: usize, retPtr: usize, retLen: usize): u32;

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);
const PATH = utf8(":path");
const PROBE = utf8("x-probe");
const VALUE = utf8("1");
const SOURCE_ADDRESS = propertyPath("source", "address");
// A 200-byte line, about an access record's size.
const LINE = utf8("{\"probe\":\"" + "x".repeat(186) + "\"}\n");
const IOV: usize = memory.data(8);
const WRITTEN: usize = memory.data(4);
const EXPR_CREATE = utf8("expr_create");
const EXPR_EVALUATE = utf8("expr_evaluate");
const EXPR_DELETE = utf8("expr_delete");
const TOKEN: usize = memory.data(4);
const BATCH_KINDS = ["cel", "props", "dump"];
const HEX = "0123456789abcdef";

/** One "expr" or "prop" configuration line: a compiled expression's token, or a property path. */
class Read {
  constructor(readonly isExpr: bool, readonly path: ArrayBuffer, readonly token: u32, readonly createStatus: u32) {}
}

/** expr_evaluate of `token`; the host's result block stays in RET_PTR/RET_LEN. */
@inline function evaluate(token: u32): u32 {
  store<u32>(TOKEN, token);
  return proxy_call_foreign_function(changetype<usize>(EXPR_EVALUATE), EXPR_EVALUATE.byteLength, TOKEN, 4, RET_PTR, RET_LEN);
}

function hexOfReturned(): string {
  const ptr = load<usize>(RET_PTR), len = load<usize>(RET_LEN);
  let out = "";
  for (let i: usize = 0; i < len; i++) {
    const b = load<u8>(ptr + i);
    out += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return out;
}

function freeReturned(): void {
  const ptr = load<usize>(RET_PTR);
  if (ptr != 0) heap.free(ptr);
  store<usize>(RET_PTR, 0);
}

class ProbeRoot extends RootContext {
  kind: string = "none";
  count: i32 = 0;
  metric: u32 = 0;
  reads: Read[] = [];

  onConfigure(configSize: u32): bool {
    const bytes = getBuffer(BufferType.PluginConfiguration, 0, configSize);
    if (bytes === null) return false;
    const lines = String.UTF8.decode(bytes).split("\n");
    const parts = lines[0].split(" ");
    if (parts.length != 2) return false;
    this.kind = parts[0];
    this.count = I32.parseInt(parts[1]);
    this.metric = defineMetric(MetricType.Counter, "probe_calls");
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const del = line.startsWith("del ");
      if (line.startsWith("expr ") || del) {
        const text = utf8(line.substring(del ? 4 : 5));
        store<usize>(RET_PTR, 0);
        const status = proxy_call_foreign_function(changetype<usize>(EXPR_CREATE), EXPR_CREATE.byteLength,
          changetype<usize>(text), text.byteLength, RET_PTR, RET_LEN);
        const ptr = load<usize>(RET_PTR);
        const token = status == 0 && ptr != 0 && load<usize>(RET_LEN) == 4 ? load<u32>(ptr) : u32.MAX_VALUE;
        freeReturned();
        // Only "dump" may keep an expression Envoy refused: it reports the status.
        if (token == u32.MAX_VALUE && this.kind != "dump") return false;
        // "del": created and at once deleted (expr_delete, argument: the 4-byte token, no result),
        // so that "dump" shows what evaluating a deleted token answers.
        let deleted: u32 = 0;
        if (del && token != u32.MAX_VALUE) {
          store<u32>(TOKEN, token);
          deleted = proxy_call_foreign_function(changetype<usize>(EXPR_DELETE), EXPR_DELETE.byteLength, TOKEN, 4, RET_PTR, RET_LEN);
        }
        this.reads.push(new Read(true, text, token, deleted != 0 ? 100 + deleted : status));
      } else if (line.startsWith("prop ")) {
        this.reads.push(new Read(false, utf8(line.substring(5).split(".").join("\0")), 0, 0));
      } else if (line.length > 0) {
        return false;
      }
    }
    return ["none", "pairs", "value", "property", "metric", "replace", "stdout"].includes(this.kind) || BATCH_KINDS.includes(this.kind);
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

  onLog(): void {
    const root = this.root as ProbeRoot;
    const kind = root.kind, n = root.count, reads = root.reads;
    if (kind == "cel") {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < reads.length; j++) {
          evaluate(unchecked(reads[j]).token);
          freeReturned();
        }
      }
    } else if (kind == "props") {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < reads.length; j++) {
          const path = unchecked(reads[j]).path;
          env.proxy_get_property(changetype<usize>(path), path.byteLength, RET_PTR, RET_LEN);
          freeReturned();
        }
      }
    } else if (kind == "dump") {
      for (let j = 0; j < reads.length; j++) {
        const read = reads[j];
        store<usize>(RET_PTR, 0);
        store<usize>(RET_LEN, 0);
        let status: u32;
        if (read.isExpr) {
          status = read.token == u32.MAX_VALUE || read.createStatus >= 100 ? 100 + read.createStatus : evaluate(read.token);
        } else {
          status = env.proxy_get_property(changetype<usize>(read.path), read.path.byteLength, RET_PTR, RET_LEN);
        }
        const hex = status == 0 ? hexOfReturned() : "-";
        freeReturned();
        const token = read.isExpr && read.token != u32.MAX_VALUE ? " token=" + read.token.toString() : "";
        log(LogLevel.Warn, "probe-dump " + (j + 1).toString() + " " + status.toString() + " " + hex + token);
      }
    }
  }
}

registerRootContext((id: u32): RootContext => new ProbeRoot(id));

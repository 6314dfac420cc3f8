// access-log: one record per request, built in on_log from what Envoy knows, redacted, sampled
// (errors and slow requests always kept), written as a JSON or text line to stdout and/or
// batched to an OTLP/HTTP collector. Metrics per route, status class and auth decision.
export * from "../common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../common/abi/context";
import { LogLevel, BufferType, MapType } from "../common/abi/enums";
import { getBuffer, log, setTickPeriod } from "../common/abi/host";
import { lendRegion, stopLending } from "../common/abi/host-blocks";
import { decodeConfig, AccessLogConfig } from "./config";
import { LogRecord } from "./record/record";
import { collectEssentials, collectRequestHeaders, collectFlags, collectDetails, RecordReads } from "./record/collect";
import { keptAlways, keptBySample } from "./sample/sampler";
import { ByteWriter } from "./format/writer";
import { writeJsonRecord } from "./format/json";
import { writeTextRecord } from "./format/text";
import { writeOtlpRecord } from "./sinks/otlp";
import { writeStdout } from "./sinks/stdout";
import { CollectorSink } from "./sinks/collector";
import { Metrics } from "./metrics";
import { TickSchedule } from "./tick-schedule";
import { encodeUtf8 } from "../common/encoding/utf8";

// access-log runs AssemblyScript's minimal runtime (asconfig.json): no shadow stack and no
// incremental GC work on the hot path, but garbage is only freed by an explicit __collect().
// It is called when a callback is about to return to the host, where every live object is
// reachable from a global (roots, streams). A callback's garbage is small, except what a record
// of a huge request leaves (grown writers, copies of values, the OTLP record once sent), which
// grows with the request: its header and line bytes are counted too, so a run of huge requests
// collects sooner and memory stays bounded.
/** Callbacks between full collections. */
const COLLECT_EVERY: u32 = 64;
/** Record bytes that make the next safe point collect, however few callbacks ran. */
const COLLECT_AFTER_BYTES: usize = 256 << 10;
/**
 * Region lent to the host for the property values one record reads (common/abi/host-blocks.ts),
 * blocks of up to 256 bytes (an attribute list up to 2 KiB, record/batch.ts): a record's
 * properties take well under 1 KiB. Header maps keep the
 * heap: their sizes range up to megabytes, and lending them the region changed how the heap
 * fragments under huge requests (in the host fuzz run, memory grew earlier). One region for the
 * VM, not one per root: lending it ends the blocks of the record read before, which every root
 * drops (rec.reset) before it reads another.
 */
const HOST_REGION_SIZE: usize = 4 << 10;
const HOST_REGION_BLOCK: usize = 256;
const HOST_REGION: usize = memory.data(<i32>HOST_REGION_SIZE, 16);

class AccessLogRoot extends RootContext {
  config: AccessLogConfig | null = null;
  metrics: Metrics | null = null;
  collector: CollectorSink | null = null;
  schedule: TickSchedule = new TickSchedule(0, 0);
  line: ByteWriter = new ByteWriter(2048);
  otlp: ByteWriter = new ByteWriter(2048);
  scratch: ByteWriter = new ByteWriter(512);
  record: LogRecord = new LogRecord();
  reads: RecordReads | null = null;
  requests: u32 = 0;
  private stream: AccessLogStream | null = null;
  private sinceCollect: u32 = 0;
  private recordBytes: usize = 0;

  /** Call last in a callback (nothing may be held only by a local when it collects). */
  collectSometimes(): void {
    if (++this.sinceCollect < COLLECT_EVERY && this.recordBytes < COLLECT_AFTER_BYTES) return;
    this.sinceCollect = 0;
    this.recordBytes = 0;
    __collect();
  }

  onConfigure(configSize: u32): bool {
    const bytes = getBuffer(BufferType.PluginConfiguration, 0, configSize);
    const config: AccessLogConfig | null = bytes === null ? null : decodeConfig(bytes);
    if (config === null) {
      log(LogLevel.Error, "access-log: invalid configuration, rejected");
      return false;
    }
    this.config = config;
    const p = config.sampling;
    const reads = new RecordReads(config.needs, config.filter === null && p.perTenThousand >= 10000, p.keepErrors && p.perTenThousand < 10000);
    reads.compile();
    this.reads = reads;
    log(LogLevel.Debug, reads.essentials.batched ? "access-log: attributes read through CEL lists (expr_evaluate)"
      : "access-log: attributes read one by one (the host compiles no CEL lists)");
    const metrics = new Metrics(config.metricsPrefix, config.metricsFlushMs > 0);
    this.metrics = metrics;
    const cc = config.collector;
    if (cc !== null) this.collector = new CollectorSink(cc, metrics, config.workload);
    this.schedule = new TickSchedule(cc === null ? 0 : cc.flushIntervalMs, config.metricsFlushMs);
    if (this.schedule.periodMs > 0) setTickPeriod(this.schedule.periodMs);
    return true;
  }

  onTick(): void {
    const s = this.schedule;
    s.tick();
    const c = this.collector;
    if (c !== null && s.collectorDue) c.onTick();
    const m = this.metrics;
    if (m !== null && s.metricsDue) m.flush();
    this.collectSometimes();
  }

  onHttpCallResponse(token: u32, numHeaders: u32, bodySize: u32, numTrailers: u32): void {
    const c = this.collector;
    if (c !== null) c.onResponse(token, numHeaders);
    this.collectSometimes();
  }

  onDone(): bool {
    const reads = this.reads;
    if (reads !== null) reads.release();
    const c = this.collector;
    if (c !== null) c.onDone();
    const m = this.metrics;
    if (m !== null) m.flush();
    return true;
  }

  /**
   * A stream keeps nothing of its own (the record lives in the root and is rebuilt in each
   * on_log), so every request of the root shares one context object: none is allocated per request.
   */
  newHttpContext(id: u32): HttpContext | null {
    if (this.config === null) return null;
    let s = this.stream;
    if (s === null) {
      s = new AccessLogStream(0, this);
      this.stream = s;
    }
    return s;
  }

  /** Builds, filters, samples and writes the record of one finished request. */
  logRequest(): void {
    const rec = this.record;
    // The previous record's blocks die here, so the region can be lent from its start again.
    rec.reset();
    lendRegion(HOST_REGION, HOST_REGION_SIZE, HOST_REGION_BLOCK);
    this.logRecord(rec);
    stopLending();
  }

  private logRecord(rec: LogRecord): void {
    const config = this.config!;
    const metrics = this.metrics!;
    const reads = this.reads!;
    collectEssentials(rec, reads);
    metrics.request(rec.route.ptr, rec.route.len, rec.code, rec.durationNanos, rec.auth.ptr, rec.auth.len);
    // Host calls cost microseconds each in Envoy: the request header map is read before the
    // decision only when a filter looks at headers, the response flags only when they can decide.
    const filter = config.filter;
    let headersRead = false;
    if (filter !== null) {
      if (filter.headerPresent.length > 0) { collectRequestHeaders(rec); headersRead = true; }
      if (!filter.matches(rec.code, rec.durationNanos, rec.request)) {
        metrics.count(metrics.filteredOut);
        return;
      }
    }
    this.requests++;
    if (!this.sampled(rec, config, headersRead)) {
      metrics.count(metrics.sampledOut);
      return;
    }
    metrics.count(metrics.logged);
    if (!headersRead) collectRequestHeaders(rec);
    collectDetails(rec, reads, config.needsResponseHeaders);
    const line = this.line;
    line.reset();
    if (config.text) writeTextRecord(line, this.scratch, rec, config);
    else writeJsonRecord(line, this.scratch, rec, config);
    const collector = this.collector;
    if (collector !== null) {
      this.otlp.reset();
      writeOtlpRecord(this.otlp, this.scratch, rec, config, line.ptr, line.len);
      collector.add(this.otlp.take());
    }
    this.recordBytes += rec.request.bytes + rec.response.bytes + <usize>line.len + <usize>this.otlp.len;
    if (config.stdout) {
      line.byte(0x0a);
      metrics.count(writeStdout(line.ptr, line.len) ? metrics.stdoutWritten : metrics.stdoutFailed);
    }
  }

  /** The sampling decision (errors and slow requests always kept when configured). */
  private sampled(rec: LogRecord, config: AccessLogConfig, headersRead: bool): bool {
    const p = config.sampling;
    // Only a failure flag can make a 1xx-4xx response an error; other codes decide without them.
    if (p.keepErrors && p.perTenThousand < 10000 && !rec.flagsKnown && rec.code > 0 && rec.code < 500) collectFlags(rec);
    if (keptAlways(p, rec.code, rec.flags, rec.durationNanos)) return true;
    let idPtr: usize = 0, idLen = -1;
    if (headersRead) {
      const i = rec.request.indexOf(X_REQUEST_ID);
      if (i >= 0) { idPtr = rec.request.valuePtr(i); idLen = <i32>rec.request.valueLen(i); }
    } else if (rec.requestId.fromHeader(MapType.RequestHeaders, X_REQUEST_ID)) {
      idPtr = rec.requestId.ptr;
      idLen = rec.requestId.len;
    }
    return keptBySample(p, idPtr, idLen, this.requests);
  }
}

const X_REQUEST_ID = encodeUtf8("x-request-id");

class AccessLogStream extends HttpContext {
  onLog(): void {
    (this.root as AccessLogRoot).logRequest();
  }

  onDone(): void {
    (this.root as AccessLogRoot).collectSometimes();
  }
}

registerRootContext((id: u32): RootContext => new AccessLogRoot(id));

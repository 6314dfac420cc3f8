// Batches OTLP log records to a collector cluster over proxy_http_call. Every record handed to
// the sink ends in exactly one counter: sent (2xx answer), failed (call refused, reset, timeout
// or non-2xx) or dropped (buffer full, or still buffered when the plugin shuts down). The
// pending gauge holds the records buffered or in flight, so produced = sent+failed+dropped+pending.
import { httpCall, getHeader } from "../../common/abi/host";
import { MapType } from "../../common/abi/enums";
import { utf8 } from "../../common/bytes";
import { encodePairs } from "../../common/headers/pairs";
import { CollectorConfig } from "../config-parts";
import { Metrics } from "../metrics";
import { batchOpening, BATCH_CLOSING } from "./otlp";
import { ByteWriter } from "../format/writer";

/** Calls in flight at once; with more, records wait in the buffer (and drop when it is full). */
const MAX_IN_FLIGHT = 4;
/** Bytes buffered per VM whatever maxBuffered says: records carry headers of any size. */
const MAX_BUFFERED_BYTES = 8 << 20;
const STATUS = utf8(":status");

export class CollectorSink {
  private buffered: ArrayBuffer[] = new Array<ArrayBuffer>();
  private bufferedBytes: i32 = 0;
  private inFlight: Map<u32, i32> = new Map<u32, i32>();
  private headers: ArrayBuffer;
  private opening: ArrayBuffer;
  private body: ByteWriter = new ByteWriter(4096);

  constructor(readonly config: CollectorConfig, readonly metrics: Metrics, workload: string) {
    this.headers = encodePairs(
      [utf8(":method"), utf8(":path"), utf8(":authority"), utf8("content-type")],
      [utf8("POST"), utf8(config.path), utf8(config.authority), utf8("application/json")]);
    this.opening = batchOpening(workload);
  }

  /** Takes one OTLP logRecord object. */
  add(record: ArrayBuffer): void {
    if (this.buffered.length >= this.config.maxBuffered || this.bufferedBytes + record.byteLength > MAX_BUFFERED_BYTES) {
      this.metrics.count(this.metrics.collectorDropped);
      return;
    }
    this.buffered.push(record);
    this.bufferedBytes += record.byteLength;
    this.metrics.adjustPending(1);
    if (this.buffered.length >= this.config.batchSize) this.flush();
  }

  /** Sends full batches, then (when `all`) the remainder, while calls may be started. */
  flush(all: bool = false): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && this.buffered.length > 0) {
      if (!all && this.buffered.length < this.config.batchSize) return;
      this.sendBatch();
    }
  }

  private sendBatch(): void {
    const n = this.buffered.length < this.config.batchSize ? this.buffered.length : this.config.batchSize;
    const w = this.body;
    w.reset();
    w.bytes(this.opening);
    for (let i = 0; i < n; i++) {
      if (i > 0) w.byte(0x2c);
      const record = unchecked(this.buffered[i]);
      w.bytes(record);
      this.bufferedBytes -= record.byteLength;
    }
    w.bytes(BATCH_CLOSING);
    this.buffered = this.buffered.slice(n);
    const token = httpCall(this.config.cluster, this.headers, w.take(), this.config.timeoutMs);
    if (token == 0) {
      this.metrics.count(this.metrics.collectorFailed, n);
      this.metrics.adjustPending(-n);
      return;
    }
    this.inFlight.set(token, n);
  }

  /** Whether `token` is one of this sink's calls; settles its records. */
  onResponse(token: u32, numHeaders: u32): bool {
    if (!this.inFlight.has(token)) return false;
    const n = this.inFlight.get(token);
    this.inFlight.delete(token);
    let ok = false;
    if (numHeaders > 0) {
      const status = getHeader(MapType.HttpCallResponseHeaders, STATUS);
      ok = status !== null && status.byteLength == 3 && load<u8>(changetype<usize>(status)) == 0x32;
    }
    this.metrics.count(ok ? this.metrics.collectorSent : this.metrics.collectorFailed, n);
    this.metrics.adjustPending(-n);
    this.flush();
    return true;
  }

  onTick(): void {
    this.flush(true);
  }

  /** Plugin shutdown: nothing buffered can be sent any more, nor answered. */
  onDone(): void {
    const dropped = this.buffered.length;
    this.metrics.count(this.metrics.collectorDropped, dropped);
    let failed = 0;
    const counts = this.inFlight.values();
    for (let i = 0; i < counts.length; i++) failed += counts[i];
    this.metrics.count(this.metrics.collectorFailed, failed);
    this.metrics.adjustPending(-(dropped + failed));
    this.buffered = [];
    this.bufferedBytes = 0;
    this.inFlight.clear();
  }
}

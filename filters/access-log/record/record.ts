// One access record: what Envoy knew about the request when on_log ran. Values stay bytes as
// Envoy gave them; formatting (escaping, redaction) happens when the record is written.
import { HeaderIndex } from "./header-index";

export class LogRecord {
  readonly request: HeaderIndex = new HeaderIndex();
  readonly response: HeaderIndex = new HeaderIndex();
  startNanos: i64 = -1;
  durationNanos: i64 = -1;
  upstreamNanos: i64 = -1;
  /** 0 when no response was sent (e.g. the client went away). */
  code: i64 = 0;
  flags: u64 = 0;
  bytesReceived: i64 = -1;
  bytesSent: i64 = -1;
  protocol: ArrayBuffer | null = null;
  upstreamHost: ArrayBuffer | null = null;
  upstreamCluster: ArrayBuffer | null = null;
  route: ArrayBuffer | null = null;
  peer: ArrayBuffer | null = null;
  auth: ArrayBuffer | null = null;
  source: ArrayBuffer | null = null;
  destination: ArrayBuffer | null = null;
  codeDetails: ArrayBuffer | null = null;
  upstreamLocal: ArrayBuffer | null = null;
  serverName: ArrayBuffer | null = null;
  terminationDetails: ArrayBuffer | null = null;
  upstreamFailure: ArrayBuffer | null = null;

  /** Clears every fact, so one record object serves every request of a VM. */
  reset(): void {
    this.request.clear(); this.response.clear();
    this.startNanos = -1; this.durationNanos = -1; this.upstreamNanos = -1;
    this.code = 0; this.flags = 0; this.bytesReceived = -1; this.bytesSent = -1;
    this.protocol = null; this.upstreamHost = null; this.upstreamCluster = null; this.route = null;
    this.peer = null; this.auth = null; this.source = null; this.destination = null;
    this.codeDetails = null; this.upstreamLocal = null; this.serverName = null;
    this.terminationDetails = null; this.upstreamFailure = null;
  }
}

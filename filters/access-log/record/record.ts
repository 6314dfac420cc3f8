// One access record: what Envoy knew about the request when on_log ran. Values stay bytes as
// Envoy gave them (in the host's own blocks); formatting (escaping, redaction) happens when the
// record is written.
import { HeaderIndex } from "./header-index";
import { HostBytes } from "./host-bytes";
import { freeHostBlock } from "../../common/abi/host-blocks";

export class LogRecord {
  readonly request: HeaderIndex = new HeaderIndex();
  readonly response: HeaderIndex = new HeaderIndex();
  startNanos: i64 = -1;
  durationNanos: i64 = -1;
  upstreamNanos: i64 = -1;
  /** 0 when no response was sent (e.g. the client went away). */
  code: i64 = 0;
  flags: u64 = 0;
  /** Whether `flags` was read from Envoy (it is read only when a decision or a field needs it). */
  flagsKnown: bool = false;
  bytesReceived: i64 = -1;
  bytesSent: i64 = -1;
  readonly protocol: HostBytes = new HostBytes();
  readonly upstreamHost: HostBytes = new HostBytes();
  readonly upstreamCluster: HostBytes = new HostBytes();
  readonly route: HostBytes = new HostBytes();
  readonly peer: HostBytes = new HostBytes();
  readonly auth: HostBytes = new HostBytes();
  readonly source: HostBytes = new HostBytes();
  readonly destination: HostBytes = new HostBytes();
  readonly codeDetails: HostBytes = new HostBytes();
  readonly upstreamLocal: HostBytes = new HostBytes();
  readonly serverName: HostBytes = new HostBytes();
  readonly terminationDetails: HostBytes = new HostBytes();
  readonly upstreamFailure: HostBytes = new HostBytes();
  /** x-request-id alone, for a sampling decision made before the header map is read. */
  readonly requestId: HostBytes = new HostBytes();

  /** Host blocks of batched lists that string fields point into, freed by reset. */
  private held: usize[] = [];

  /** Keeps a host block until the next reset (the record's fields may point into it). */
  holdBlock(ptr: usize): void {
    this.held.push(ptr);
  }

  /** Clears every fact (freeing the host's blocks), so one record object serves every request of a VM. */
  reset(): void {
    this.request.clear(); this.response.clear();
    this.startNanos = -1; this.durationNanos = -1; this.upstreamNanos = -1;
    this.code = 0; this.flags = 0; this.flagsKnown = false; this.bytesReceived = -1; this.bytesSent = -1;
    this.protocol.clear(); this.upstreamHost.clear(); this.upstreamCluster.clear(); this.route.clear();
    this.peer.clear(); this.auth.clear(); this.source.clear(); this.destination.clear();
    this.codeDetails.clear(); this.upstreamLocal.clear(); this.serverName.clear();
    this.terminationDetails.clear(); this.upstreamFailure.clear(); this.requestId.clear();
    const held = this.held;
    while (held.length > 0) freeHostBlock(held.pop());
  }
}

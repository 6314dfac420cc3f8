// Fills a LogRecord from Envoy in on_log. Header-derived fields (method, path, ids, trace
// headers) come from the request-header copy Envoy hands to on_log; the rest from Envoy's
// attributes, only those the configuration needs (`needs` is a mask of field bits), batched into
// one CEL list per step where the host can (record/batch.ts). String values stay in the blocks
// the host returned (record/host-bytes.ts).
import { MapType } from "../../common/abi/enums";
import { LogRecord } from "./record";
import { F, needBit } from "./fields";
import { S, readSlot } from "./slots";
import { SlotReads } from "./batch";

@inline function wants(needs: u32, f: i32): bool {
  return (needs & needBit(f)) != 0;
}

/** Record fields read from attributes, and their slots. */
const DETAIL_FIELDS: i32[] = [F.StartTime, F.UpstreamDuration, F.BytesReceived, F.BytesSent, F.Protocol, F.UpstreamHost,
  F.UpstreamCluster, F.Peer, F.SourceAddress, F.DownstreamLocalAddress, F.ResponseCodeDetails, F.UpstreamLocalAddress,
  F.RequestedServerName, F.ConnectionTerminationDetails, F.UpstreamTransportFailureReason];
const DETAIL_SLOTS: i32[] = [S.StartTime, S.UpstreamDuration, S.BytesReceived, S.BytesSent, S.Protocol, S.UpstreamHost,
  S.UpstreamCluster, S.Peer, S.Source, S.Destination, S.CodeDetails, S.UpstreamLocal,
  S.ServerName, S.TerminationDetails, S.UpstreamFailure];

/** The essentials' slots and/or the needed details', and response flags when asked. */
function slotList(needs: u32, essentials: bool, details: bool, flags: bool): i32[] {
  const out: i32[] = [];
  if (essentials) {
    out.push(S.Code); out.push(S.Duration); out.push(S.Route); out.push(S.Auth);
  }
  if (details) {
    for (let i = 0; i < DETAIL_FIELDS.length; i++) {
      if (wants(needs, unchecked(DETAIL_FIELDS[i]))) out.push(unchecked(DETAIL_SLOTS[i]));
    }
  }
  if (flags) out.push(S.Flags);
  return out;
}

/**
 * The attribute reads of a configuration, in two steps: the essentials every record needs for
 * metrics, filters and sampling, and the details of a record that will be written. When every
 * record is written there is one step (all in the essentials), so one host call per record.
 */
export class RecordReads {
  readonly essentials: SlotReads;
  readonly details: SlotReads;
  readonly wantsFlags: bool;

  /**
   * `keepsAll`: no filter and no sampling; `flagsDecide`: sampling keeps errors, so response
   * flags may decide (read one by one only for a 1xx–4xx code, in a list always).
   */
  constructor(needs: u32, keepsAll: bool, flagsDecide: bool) {
    const wantsFlags = wants(needs, F.ResponseFlags);
    if (keepsAll) {
      const all = slotList(needs, true, true, wantsFlags);
      this.essentials = new SlotReads(all, all);
      this.details = new SlotReads([], []);
    } else {
      // One by one, flags wait for the code (sampled()); in a list they cost one element.
      this.essentials = new SlotReads(slotList(needs, true, false, flagsDecide), slotList(needs, true, false, false));
      this.details = new SlotReads(slotList(needs, false, true, wantsFlags && !flagsDecide), slotList(needs, false, true, wantsFlags));
    }
    this.wantsFlags = wantsFlags;
  }

  compile(): void {
    this.essentials.compile();
    this.details.compile();
  }

  release(): void {
    this.essentials.release();
    this.details.release();
  }
}

/** What filters, sampling and metrics need on every request (headers and flags only when asked). */
export function collectEssentials(rec: LogRecord, reads: RecordReads): void {
  reads.essentials.read(rec);
}

export function collectRequestHeaders(rec: LogRecord): void {
  rec.request.fromHost(MapType.RequestHeaders);
}

export function collectFlags(rec: LogRecord): void {
  readSlot(rec, S.Flags);
}

/** The rest, for a record that will be written. */
export function collectDetails(rec: LogRecord, reads: RecordReads, responseHeaders: bool): void {
  if (responseHeaders) rec.response.fromHost(MapType.ResponseHeaders);
  reads.details.read(rec);
  if (reads.wantsFlags && !rec.flagsKnown) collectFlags(rec);
}

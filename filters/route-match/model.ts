// route-match's decoded configuration (generator/plan/filters/route-match.ts, as compact tables).
import { StringMatcher } from "../common/match/string-matcher";
import { HostTable } from "./hosts";
import { SegmentIndex } from "./segment-index";

export enum PathKind { Plain, SegmentPrefix }

export class PathCondition {
  /** Plain: `matcher` is the whole condition. SegmentPrefix: `matcher` is a prefix without the
   *  trailing slash, and the next path byte must be '/' or the end. */
  constructor(readonly kind: PathKind, readonly matcher: StringMatcher) {}
}

export enum HeaderMode { Value, Present, Absent }

export class HeaderCondition {
  constructor(
    readonly name: ArrayBuffer,
    readonly mode: HeaderMode,
    readonly matcher: StringMatcher | null,
    readonly invert: bool,
  ) {}
}

export class QueryCondition {
  /** `matcher` null: the parameter only has to be present. */
  constructor(readonly name: ArrayBuffer, readonly matcher: StringMatcher | null) {}
}

export class RequestMatch {
  constructor(
    readonly path: PathCondition | null,
    readonly method: ArrayBuffer | null,
    readonly headers: HeaderCondition[],
    readonly query: QueryCondition[],
  ) {}
}

export class Route {
  constructor(
    readonly id: ArrayBuffer,
    readonly matches: RequestMatch[],
    /** Destinations with a positive weight, and their running weight totals. */
    readonly clusters: ArrayBuffer[],
    readonly cumulative: StaticArray<u64>,
    readonly stickyHeader: ArrayBuffer | null,
    readonly stickyCookie: ArrayBuffer | null,
  ) {}

  @inline get totalWeight(): u64 { return unchecked(this.cumulative[this.cumulative.length - 1]); }
}

export class VirtualHost {
  constructor(readonly name: string, readonly routes: Route[], readonly index: SegmentIndex | null) {}
}

export class RouteMatchConfig {
  constructor(readonly hosts: HostTable, readonly virtualHosts: VirtualHost[], readonly debugHeader: bool) {}
}

// The compact form of the rules, decoded once in on_configure. A null list means the field
// was not set (it constrains nothing); the generator's empty lists decode to null as well.
import { Pattern } from "./pattern";
import { PathPattern } from "./path-pattern";
import { CidrBlock } from "./cidr";
import { encodeUtf8 } from "../../common/encoding/utf8";

export enum Action { Allow, Deny, Audit }

export class Source {
  principals: Pattern[] | null = null;
  notPrincipals: Pattern[] | null = null;
  namespaces: Pattern[] | null = null;
  notNamespaces: Pattern[] | null = null;
  ipBlocks: CidrBlock[] | null = null;
  notIpBlocks: CidrBlock[] | null = null;
  requestPrincipals: Pattern[] | null = null;
  notRequestPrincipals: Pattern[] | null = null;
}

export class Operation {
  methods: Pattern[] | null = null;
  notMethods: Pattern[] | null = null;
  paths: PathPattern[] | null = null;
  notPaths: PathPattern[] | null = null;
  /** Lower case; a pattern with a port is compared with the whole authority. */
  hosts: Pattern[] | null = null;
  notHosts: Pattern[] | null = null;
  ports: i64[] | null = null;
  notPorts: i64[] | null = null;
}

export enum ConditionKey {
  Header, Claim, RequestPrincipal, Audiences, Presenter,
  SourceIp, SourceNamespace, SourcePrincipal, DestinationIp, DestinationPort,
}

export class Condition {
  key: ConditionKey = ConditionKey.Header;
  /** Header name (lower case) for Header. */
  header: ArrayBuffer = new ArrayBuffer(0);
  /** Claim path for Claim: request.auth.claims[a][b] → ["a", "b"]. */
  claimPath: string[] = [];
  values: Pattern[] | null = null;
  notValues: Pattern[] | null = null;
  /** For SourceIp / DestinationIp. */
  cidrs: CidrBlock[] | null = null;
  notCidrs: CidrBlock[] | null = null;
  /** For DestinationPort. */
  ports: i64[] | null = null;
  notPorts: i64[] | null = null;
}

export class Rule {
  /** Access-log records naming this rule, built once: `allow <id>`, `deny <id>`, `audit-…`. */
  readonly allowRecord: ArrayBuffer;
  readonly denyRecord: ArrayBuffer;
  readonly auditAllowRecord: ArrayBuffer;
  readonly auditDenyRecord: ArrayBuffer;
  /** Its counter's slot in the root's CounterBatch, set once the root context has defined it. */
  metric: u32 = 0;
  /** Leading bytes every path it matches has (rules/path-gate.ts), or null. */
  pathGate: ArrayBuffer | null = null;

  constructor(
    readonly id: string,
    readonly action: Action,
    readonly sources: Source[],
    readonly operations: Operation[],
    readonly conditions: Condition[],
  ) {
    this.allowRecord = encodeUtf8("allow " + id);
    this.denyRecord = encodeUtf8("deny " + id);
    this.auditAllowRecord = encodeUtf8("audit-allow " + id);
    this.auditDenyRecord = encodeUtf8("audit-deny " + id);
  }
}

/** What the rules need to know about the peer and the workload (filled per request from properties). */
export class RuleNeeds {
  peer: bool = false;
  sourceIp: bool = false;
  destinationIp: bool = false;
  destinationPort: bool = false;
}

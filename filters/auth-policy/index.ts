// auth-policy: who may make a request. Authenticates a JWT when present, then applies the
// workload's rules with Istio's semantics, and fails closed: bad config is refused, a request
// it cannot judge is refused, a denial is a local 403 (401 for a bad token) naming the rule.
// The decision goes to access-log as filter state and to counters.
export * from "../common/abi/exports";
import { RootContext, HttpContext, registerRootContext } from "../common/abi/context";
import { HeadersStatus, LogLevel, MapType, BufferType } from "../common/abi/enums";
import { getBuffer, log, logEnabled, nowNanos, replaceHeader, setTickPeriod } from "../common/abi/host";
import { peerUriSan, sourceAddress, destinationAddress, destinationPort, setFilterState } from "../common/abi/properties";
import { utf8 } from "../common/bytes";
import { pathEnd } from "../common/path/normalize";
import { validUtf8 } from "../common/json/parse";
import { getHeaderPairsReused } from "../common/headers/reused-pairs";
import { findPseudoHeaders, PATH } from "./pseudo-headers";
import { canonicalMethod, plainAuthority } from "./request-chars";
import { AUTH_DECISION_PROPERTY } from "./decision-property";
import { AuthPolicyConfig, decodeConfig } from "./config";
import { Metrics } from "./metrics";
import { RequestFacts } from "./rules/facts";
import { ipOfSocketAddress } from "./rules/cidr";
import { decide, decisionRecord, DENY } from "./decide";
import { judgePathAt, JudgedPath, PathVerdict } from "./request-path";
import { authenticate, AuthResult, AuthStatus } from "./jwt/authenticate";
import { TokenCache } from "./jwt/cache";
import { applyAllowedMutations } from "./mutations";
import { forbidden, unauthorized, badRequest } from "./replies";
import { collectAfterConfigure, collectAfterRequest } from "../common/gc/collection";
import { replaceChar } from "./text";

const DECISION = utf8(AUTH_DECISION_PROPERTY);
const BAD_REQUEST_RECORD = utf8("deny bad-request");
const INVALID_PEER_RECORD = utf8("deny invalid-peer-identity");
const NO_AUTH = new AuthResult();
// One request is judged at a time; the facts hold nothing past on_request_headers.
const facts = new RequestFacts();

function nowSeconds(): i64 {
  return <i64>(nowNanos() / 1_000_000_000);
}

class AuthPolicyRoot extends RootContext {
  config: AuthPolicyConfig | null = null;
  metrics: Metrics = new Metrics();
  cache: TokenCache = new TokenCache(256);
  realm: string = "";

  onConfigure(configSize: u32): bool {
    const bytes = getBuffer(BufferType.PluginConfiguration, 0, configSize);
    const config: AuthPolicyConfig | null = bytes === null ? null : decodeConfig(bytes);
    if (config === null) {
      log(LogLevel.Error, "auth-policy: invalid configuration, rejected");
      return false;
    }
    this.config = config;
    this.realm = replaceChar(replaceChar(config.workload, "\"", ""), "\\", "");
    this.metrics.define(config);
    if (config.metricsFlushMs > 0) setTickPeriod(config.metricsFlushMs);
    collectAfterConfigure();
    return true;
  }

  onTick(): void {
    this.metrics.flush();
  }

  onDone(): bool {
    this.metrics.flush();
    return true;
  }

  newHttpContext(id: u32): HttpContext | null {
    return new AuthPolicyStream(id, this);
  }
}

/** A request's garbage, roughly: its context, the header map's object and the host's copy. */
const GARBAGE_PER_REQUEST: usize = 1024;

class AuthPolicyStream extends HttpContext {
  onDone(): void {
    collectAfterRequest(GARBAGE_PER_REQUEST);
  }

  onRequestHeaders(numHeaders: u32, endOfStream: bool): u32 {
    const root = this.root as AuthPolicyRoot;
    const config = root.config;
    const m = root.metrics;
    if (config === null) return this.deny(root, DENY, null);
    // Valid during this callback only: whatever outlives it (a token to cache) is copied.
    const h = getHeaderPairsReused(MapType.RequestHeaders);
    const pseudo = findPseudoHeaders(h);
    if (pseudo === null) return this.deny(root, DENY, null);
    // Method, path and authority are read where they lie in the header map (not copied).
    const methodPtr = h.valuePtr(pseudo.method), methodLen = h.valueLen(pseudo.method);
    const rawPathPtr = h.valuePtr(pseudo.path), rawPathLen = h.valueLen(pseudo.path);
    const authorityPtr = h.valuePtr(pseudo.authority), authorityLen = h.valueLen(pseudo.authority);
    const judged = judgePathAt(rawPathPtr, rawPathLen, config.allowUnsafePaths);
    if (judged.verdict != PathVerdict.Ok || !canonicalMethod(methodPtr, methodLen) || !plainAuthority(authorityPtr, authorityLen)) {
      setFilterState(DECISION, BAD_REQUEST_RECORD);
      m.count(m.badRequest);
      badRequest();
      return HeadersStatus.Stop;
    }
    if (judged.changed && !this.forwardJudgedPath(rawPathPtr, rawPathLen, judged)) return this.deny(root, DENY, null);
    const f = facts;
    f.reset();
    f.headers = h;
    f.methodPtr = methodPtr; f.methodLen = methodLen;
    f.pathPtr = judged.ptr; f.pathLen = judged.len;
    f.setAuthority(authorityPtr, authorityLen);
    if (config.needs.peer && !this.readPeer(f)) return this.deny(root, INVALID_PEER_RECORD, null);
    if (config.needs.sourceIp) {
      const a = sourceAddress();
      if (a !== null) f.sourceIp = ipOfSocketAddress(changetype<usize>(a), <usize>a.byteLength);
    }
    if (config.needs.destinationIp) {
      const a = destinationAddress();
      if (a !== null) f.destinationIp = ipOfSocketAddress(changetype<usize>(a), <usize>a.byteLength);
    }
    if (config.needs.destinationPort) f.destinationPort = destinationPort();

    const auth = config.providers.length == 0 ? NO_AUTH
      : authenticate(config.providers, h, rawPathPtr, rawPathLen, nowSeconds, root.cache);
    if (auth.status == AuthStatus.Invalid) {
      const provider = config.providers[auth.provider].name;
      if (logEnabled(LogLevel.Debug)) log(LogLevel.Debug, "auth-policy: invalid token for " + provider + ": " + auth.reason);
      setFilterState(DECISION, utf8("unauthenticated " + provider));
      m.count(m.unauthenticated);
      unauthorized(root.realm, provider, config.hideRuleNames);
      return HeadersStatus.Stop;
    }
    f.requestPrincipal = auth.principal;
    f.claims = auth.claims;
    f.overriddenHeaders = config.claimHeaderNames;
    f.overriddenValues = auth.status == AuthStatus.Verified ? auth.claimValues : config.noClaimValues;

    const v = decide(config, f);
    if (v.audit !== null) { m.count(m.audited); m.countRule(v.audit); }
    m.countRule(v.rule);
    const record = decisionRecord(v);
    if (!v.allowed) {
      const rule = v.rule;
      return this.deny(root, record, rule === null ? null : rule.id);
    }
    setFilterState(DECISION, record);
    m.count(m.allowed);
    applyAllowedMutations(config, auth, f.overriddenValues, h);
    return HeadersStatus.Continue;
  }

  /** Forwards the path that was judged (normalized), keeping the query as it came. */
  private forwardJudgedPath(rawPtr: usize, rawLen: usize, judged: JudgedPath): bool {
    const end = pathEnd(rawPtr, rawLen);
    const out = new ArrayBuffer(<i32>(judged.len + rawLen - end));
    memory.copy(changetype<usize>(out), judged.ptr, judged.len);
    memory.copy(changetype<usize>(out) + judged.len, rawPtr + end, rawLen - end);
    return replaceHeader(MapType.RequestHeaders, PATH, out);
  }

  /** Reads the peer's URI SAN; false when it is unusable (not UTF-8, or a NUL: CVE-2026-47778). */
  private readPeer(f: RequestFacts): bool {
    const san = peerUriSan();
    if (san === null || san.byteLength == 0) return true;
    const p = changetype<usize>(san);
    for (let i = 0; i < san.byteLength; i++) if (load<u8>(p + i) < 0x21 || load<u8>(p + i) == 0x7f) return false;
    if (!validUtf8(p, p + san.byteLength)) return false;
    f.setPeerUri(String.UTF8.decode(san));
    return true;
  }

  private deny(root: AuthPolicyRoot, record: ArrayBuffer, ruleId: string | null): u32 {
    setFilterState(DECISION, record);
    root.metrics.count(root.metrics.denied);
    const config = root.config;
    forbidden(ruleId, config === null || config.hideRuleNames);
    return HeadersStatus.Stop;
  }
}

registerRootContext((id: u32): RootContext => new AuthPolicyRoot(id));

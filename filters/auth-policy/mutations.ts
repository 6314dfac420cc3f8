// Header changes on an allowed request: every configured claim header is removed (a client may
// not supply them) and set again from the verified token; a token header the provider does not
// forward is removed.
import { MapType } from "../common/abi/enums";
import { replaceHeader, removeHeader } from "../common/abi/host";
import { HeaderPairs } from "../common/headers/pairs";
import { AuthPolicyConfig } from "./config";
import { AuthResult, AuthStatus } from "./jwt/authenticate";

/** `h` is the request's header map as read in this callback: a claim header it does not hold
 * needs no removal (a host call saved per request in the common case). */
export function applyAllowedMutations(config: AuthPolicyConfig, auth: AuthResult, values: Array<ArrayBuffer | null>, h: HeaderPairs): void {
  const names = config.claimHeaderNames;
  for (let i = 0; i < names.length; i++) if (h.has(names[i])) removeHeader(MapType.RequestHeaders, names[i]);
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (v !== null) replaceHeader(MapType.RequestHeaders, names[i], v);
  }
  if (auth.status != AuthStatus.Verified) return;
  const header = auth.tokenHeader;
  if (header !== null && !config.providers[auth.provider].forward) removeHeader(MapType.RequestHeaders, header);
}

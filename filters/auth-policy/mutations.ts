// Header changes on an allowed request: every configured claim header is removed (a client may
// not supply them) and set again from the verified token; a token header the provider does not
// forward is removed.
import { MapType } from "../common/abi/enums";
import { replaceHeader, removeHeader } from "../common/abi/host";
import { AuthPolicyConfig } from "./config";
import { AuthResult, AuthStatus } from "./jwt/authenticate";

export function applyAllowedMutations(config: AuthPolicyConfig, auth: AuthResult, values: Array<ArrayBuffer | null>): void {
  const names = config.claimHeaderNames;
  for (let i = 0; i < names.length; i++) removeHeader(MapType.RequestHeaders, names[i]);
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    if (v !== null) replaceHeader(MapType.RequestHeaders, names[i], v);
  }
  if (auth.status != AuthStatus.Verified) return;
  const header = auth.tokenHeader;
  if (header !== null && !config.providers[auth.provider].forward) removeHeader(MapType.RequestHeaders, header);
}

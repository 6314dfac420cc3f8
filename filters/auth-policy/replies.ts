// The filter's local replies. Bodies name the deciding rule unless hideRuleNames is set;
// details (Envoy's %RESPONSE_CODE_DETAILS%) are fixed words.
import { sendLocalResponse } from "../common/abi/host";
import { encodePairs } from "../common/headers/pairs";
import { utf8 } from "../common/bytes";

const NO_HEADERS = encodePairs([], []);
const WWW_AUTHENTICATE = utf8("www-authenticate");

export function forbidden(ruleId: string | null, hide: bool): void {
  const body = "RBAC: access denied" + (ruleId === null || hide ? "\n" : " by " + ruleId + "\n");
  sendLocalResponse(403, "wasmesh_auth_denied", utf8(body), NO_HEADERS);
}

export function unauthorized(realm: string, provider: string, hide: bool): void {
  const challenge = "Bearer realm=\"" + realm + "\", error=\"invalid_token\"";
  const body = "Jwt verification fails" + (hide ? "\n" : " for " + provider + "\n");
  sendLocalResponse(401, "wasmesh_auth_invalid_token", utf8(body), encodePairs([WWW_AUTHENTICATE], [utf8(challenge)]));
}

export function badRequest(): void {
  sendLocalResponse(400, "wasmesh_auth_bad_request", utf8("RBAC: request cannot be judged safely\n"), NO_HEADERS);
}

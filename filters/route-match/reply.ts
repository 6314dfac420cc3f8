// Local replies whose details and body are bytes prepared once (common/abi/host's
// sendLocalResponse encodes its details string on every call).
import * as env from "../common/abi/imports";
import { HeadersStatus } from "../common/abi/enums";
import { utf8 } from "../common/bytes";
import { encodePairs } from "../common/headers/pairs";

const NO_HEADERS = encodePairs([], []);

export class LocalReply {
  readonly details: ArrayBuffer;
  readonly body: ArrayBuffer;
  constructor(readonly status: u32, details: string, body: string) {
    this.details = utf8(details);
    this.body = utf8(body);
  }

  /** Asks Envoy for this reply and stops the request (Envoy sends it once the callback returns). */
  send(): u32 {
    env.proxy_send_local_response(this.status, changetype<usize>(this.details), this.details.byteLength,
      changetype<usize>(this.body), this.body.byteLength, changetype<usize>(NO_HEADERS), NO_HEADERS.byteLength, -1);
    return HeadersStatus.Stop;
  }
}

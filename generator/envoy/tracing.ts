// Request ids and trace context. Envoy forwards traceparent/tracestate and b3 headers untouched;
// every request gets an x-request-id, and one that is already there is kept — whether it came
// from another sidecar (inbound) or from the app passing on the id of the request it is serving
// (outbound) — so the access logs of every hop of one request share its id.
import { TYPES, type EnvoyObject } from "./types.ts";

export function requestIdFields(): EnvoyObject {
  return {
    generate_request_id: true,
    preserve_external_request_id: true,
    always_set_request_id_in_response: false,
    request_id_extension: { typed_config: { "@type": TYPES.uuidRequestId, pack_trace_reason: false } },
  };
}

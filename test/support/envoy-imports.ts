// The table moved to host/abi/envoy-imports.ts so the host's module validation and the
// module-hygiene test use one list; re-exported here for existing imports.
export { ENVOY_IMPORTS } from "../../host/abi/envoy-imports.ts";

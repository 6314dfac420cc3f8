export { bootstrap } from "./bootstrap.ts";
export { SharedParts } from "./shared-parts.ts";
export { HTTP_FILTERS, httpFilters } from "./http-filters.ts";
export { FAILURE_POLICY, wasmFilter } from "./wasm.ts";
export * from "./types.ts";

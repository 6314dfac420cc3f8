export { buildModel } from "./build.ts";
export { durationMs } from "./duration.ts";
export { SUBSET_LABEL } from "./routes.ts";
export { matchesSelector, matchesLabels } from "./selectors.ts";
export { spiffeId } from "./workloads.ts";
export * from "./types.ts";

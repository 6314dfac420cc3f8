export { buildPlans } from "./build.ts";
export { planRouting } from "./route-match-config.ts";
export { outboundCluster, inboundCluster, isIpAddress, certFiles } from "./names.ts";
export type { FileLookup } from "./auth-policy-config.ts";
export * from "./types.ts";

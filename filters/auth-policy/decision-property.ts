// Mirrors AUTH_DECISION_PROPERTY in generator/plan/filters/auth-policy.ts (the contract).
export const AUTH_DECISION_PROPERTY = "wasmesh.auth";

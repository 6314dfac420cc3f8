// Moved to bench/support/guest-only.ts (shared with auth-policy); kept so imports still resolve.
export { loadGuest, type GuestBench } from "../support/guest-only.ts";

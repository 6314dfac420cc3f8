// Moved to host/module/module-problems.ts (the host validates modules with the same check);
// re-exported here for existing imports.
export { moduleProblems } from "../../host/module/module-problems.ts";

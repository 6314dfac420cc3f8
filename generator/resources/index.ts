export { loadResources, emptyResources, type MeshFile } from "./load.ts";
export { positionOf, joinPath } from "./positions.ts";
export { COMPOSE_FILE } from "./compose.ts";
export * from "./types.ts";

export { emitYaml, emitYamlPieces, emitJson } from "./yaml.ts";
export { withPieces, piecesOf } from "./pieces.ts";

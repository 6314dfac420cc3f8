export { emitYaml, emitJson } from "./yaml.ts";

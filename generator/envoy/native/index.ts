export { nativeBootstrap } from "./bootstrap.ts";
export { NativeUnsupportedError } from "./unsupported.ts";

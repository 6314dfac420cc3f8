/** A mesh feature the native variant has no Envoy equivalent for (it is a comparison aid). */
export class NativeUnsupportedError extends Error {
  // Checked by name: the CLI may load the pipeline as another module instance (WASMESH_PIPELINE).
  override name = "NativeUnsupportedError";
}

export function unsupported(what: string): never {
  throw new NativeUnsupportedError(`the native filter variant cannot express ${what}; use the wasm filters`);
}

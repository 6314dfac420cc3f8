// AssemblyScript unit tests: filters/**/__tests__/*.spec.ts (pure modules: parsers, matchers,
// crypto). Filters' host interaction is tested on the TypeScript host and real Envoy instead.
export default {
  entries: ["filters/**/__tests__/**/*.spec.ts"],
  include: ["filters/**/__tests__/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};

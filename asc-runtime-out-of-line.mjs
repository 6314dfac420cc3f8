// An asc transform (asconfig.json "transform", access-log's release target) that keeps the
// collector's `__visit` (minimal runtime, ~lib/rt/tcms) out of line. At shrinkLevel 0 Binaryen
// inlines small callees everywhere, which pays on a filter's hot path but not in code that runs
// once per collection: inlined into every field of __visit_members and every global of
// __visit_globals, `__visit` alone made 16 KB of an 85 KB module. Marked before optimization, so
// every other function is optimized as configured (keeping the whole of ~lib/rt/* out of line,
// the allocator included, made records 3.5 µs slower). Lives at the project root because asc
// resolves a config's transform paths to "./<file>" only there.
export default class RuntimeOutOfLine {
  afterCompile(module) {
    this.binaryen.setPassArgument("no-inline", "~lib/rt/tcms/__visit");
    module.runPasses(["no-inline"]);
    this.binaryen.setPassArgument("no-inline", null);
  }
}

// An asc transform (asconfig.json "transform", the filters' release targets) that writes 0 as the
// memory-manager word of every object placed in static memory (string literals, constant arrays).
// The minimal runtime (tcms + tlsf) reads that word only for heap blocks, past __heap_base; with
// it zero, a literal's header joins the zero run before it, and Binaryen's memory packing keeps
// one data segment per literal instead of two (about 7 bytes each, ~200 literals per filter).
// Not for the other runtimes: their __renew reads the word of a static object too.
import { Class } from "assemblyscript";

const MINIMAL_RUNTIME = 1;

const createBuffer = Class.prototype.createBuffer;
Class.prototype.createBuffer = function (...args) {
  const buffer = createBuffer.apply(this, args);
  buffer.fill(0, 0, this.program.blockOverhead);
  return buffer;
};

export default class StaticHeaders {
  afterInitialize(program) {
    if (program.options.runtime !== MINIMAL_RUNTIME) throw new Error("asc-static-headers.mjs: for --runtime minimal only");
  }
}

// An asc transform (asconfig.json "transform", the filters' release targets) that passes null
// instead of the source file's name to `abort`: the filters' abort (filters/common/abi/abort.ts)
// logs only the message, and a name once compiled stays in the data section (~370 B of
// "~lib/array.ts"-like literals per filter).
import { Compiler } from "assemblyscript";

const makeStaticAbort = Compiler.prototype.makeStaticAbort;
Compiler.prototype.makeStaticAbort = function (message, reportNode) {
  const ensureStaticString = this.ensureStaticString;
  this.ensureStaticString = () => this.makeZero(this.program.stringInstance.type);
  try {
    return makeStaticAbort.call(this, message, reportNode);
  } finally {
    this.ensureStaticString = ensureStaticString;
  }
};

export default class AbortFileNames {}

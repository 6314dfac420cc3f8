// An asc transform (asconfig.json "transform", auth-policy's release target) that keeps
// shrinkLevel 2's code size without its slow calls: at shrinkLevel 2 asc has Binaryen always
// inline functions of 2 instructions at most, so field getters and setters, `length` and
// one-line helpers stay calls on the request path (cached token +32 % guest-only). This keeps
// the limit shrinkLevel 1 uses (6); the rest of shrinkLevel 2 stays.
import { Module } from "assemblyscript";

const ALWAYS_INLINE_MAX_SIZE = 6;
const setAlwaysInlineMaxSize = Module.prototype.setAlwaysInlineMaxSize;
Module.prototype.setAlwaysInlineMaxSize = function (size) {
  return setAlwaysInlineMaxSize.call(this, Math.max(size, ALWAYS_INLINE_MAX_SIZE));
};

export default class InlineAccessors {}

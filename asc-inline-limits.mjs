// An asc transform (asconfig.json "transform", auth-policy's release target) that sets two of
// Binaryen's inlining limits under shrinkLevel 2:
// - always inline up to 6 instructions (shrinkLevel 1's limit; 2 gives 2): field getters and
//   setters, `length` and one-line helpers stay inlined on the request path, which shrinkLevel 2
//   alone turned into calls (cached token +32 % guest-only);
// - inline a function with one caller up to 1,000 instructions (asc's limit, 80, left a call
//   and a function header for each larger one): 596 B and ~200 instructions per request less.
import { Module } from "assemblyscript";

const ALWAYS_INLINE_MAX_SIZE = 6;
const ONE_CALLER_INLINE_MAX_SIZE = 1000;

const setAlwaysInlineMaxSize = Module.prototype.setAlwaysInlineMaxSize;
Module.prototype.setAlwaysInlineMaxSize = function (size) {
  return setAlwaysInlineMaxSize.call(this, Math.max(size, ALWAYS_INLINE_MAX_SIZE));
};
const setOneCallerInlineMaxSize = Module.prototype.setOneCallerInlineMaxSize;
Module.prototype.setOneCallerInlineMaxSize = function (size) {
  return setOneCallerInlineMaxSize.call(this, Math.max(size, ONE_CALLER_INLINE_MAX_SIZE));
};

export default class InlineLimits {}

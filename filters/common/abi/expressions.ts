// Envoy's CEL foreign functions (source/extensions/common/wasm/foreign.cc): expr_create compiles
// an expression once (argument: its text; result: a 4-byte token, numbered from 0 per root
// context), expr_evaluate answers it in the current stream (argument: the token; result: the
// value in proxy_get_property's encodings, a list as header pairs with each element in a key
// slot), expr_delete frees it. A host without them answers NotFound; a syntax error BadArgument.
import { proxy_call_foreign_function } from "./imports";
import { WasmResult } from "./enums";
import { freeHostBlock } from "./host-blocks";
import { utf8 } from "../bytes";

const EXPR_CREATE = utf8("expr_create");
const EXPR_EVALUATE = utf8("expr_evaluate");
const EXPR_DELETE = utf8("expr_delete");
const TOKEN: usize = memory.data(4);
const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);

/** The token of `text` compiled by the host, or -1 when the host refuses it (or has no CEL). */
export function createExpression(text: string): i64 {
  const b = utf8(text);
  store<usize>(RET_PTR, 0);
  const status = proxy_call_foreign_function(changetype<usize>(EXPR_CREATE), EXPR_CREATE.byteLength,
    changetype<usize>(b), b.byteLength, RET_PTR, RET_LEN);
  const ptr = load<usize>(RET_PTR);
  const token: i64 = status == WasmResult.Ok && ptr != 0 && load<usize>(RET_LEN) == 4 ? <i64>load<u32>(ptr) : -1;
  if (ptr != 0) freeHostBlock(ptr);
  return token;
}

/**
 * Evaluates `token`; on Ok the result block's pointer and length are at retPtr / retLen (a
 * block from the guest's malloc, the caller's to free with freeHostBlock; 0 for an empty value).
 */
export function evaluateExpression(token: u32, retPtr: usize, retLen: usize): u32 {
  store<u32>(TOKEN, token);
  store<usize>(retPtr, 0);
  store<usize>(retLen, 0);
  return proxy_call_foreign_function(changetype<usize>(EXPR_EVALUATE), EXPR_EVALUATE.byteLength, TOKEN, 4, retPtr, retLen);
}

export function deleteExpression(token: u32): void {
  store<u32>(TOKEN, token);
  store<usize>(RET_PTR, 0);
  proxy_call_foreign_function(changetype<usize>(EXPR_DELETE), EXPR_DELETE.byteLength, TOKEN, 4, RET_PTR, RET_LEN);
  const ptr = load<usize>(RET_PTR);
  if (ptr != 0) freeHostBlock(ptr);
}

// Byte classes of Envoy's path canonicalizer (its snapshot of Chromium's URL library): which raw
// bytes pass, which are percent-encoded, which %XX escapes are decoded. Verified on Envoy 1.40.

export const PASS: u8 = 0;
/** Written as %XX (upper-case hex) when raw. */
export const ESCAPE: u8 = 1;
/** Decoded when it arrives as %XX: the RFC 3986 unreserved set A-Z a-z 0-9 - . _ ~ */
export const UNESCAPE: u8 = 2;

const TABLE: usize = memory.data(256);
let ready = false;

function build(): void {
  for (let c = 0; c < 256; c++) {
    let flag = PASS;
    if (c < 0x20 || c >= 0x7f) flag = ESCAPE;
    else if (c == 0x20 || c == 0x22 || c == 0x23 || c == 0x25 || c == 0x3c || c == 0x3e || c == 0x3f ||
      c == 0x5c || c == 0x5e || c == 0x60 || c == 0x7b || c == 0x7c || c == 0x7d) flag = ESCAPE;
    else if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
      c == 0x2d || c == 0x2e || c == 0x5f || c == 0x7e) flag = UNESCAPE;
    store<u8>(TABLE + c, <u8>flag);
  }
  ready = true;
}

@inline export function charFlag(c: u8): u8 {
  if (!ready) build();
  return load<u8>(TABLE + <usize>c);
}

/** Hex digit value, or -1. */
@inline export function hexValue(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

@inline export function hexDigit(v: i32): u8 {
  return <u8>(v < 10 ? 0x30 + v : 0x41 + v - 10);
}

// JSON lines (or text lines) on stdout through WASI fd_write. Envoy turns each fd_write call on
// fd 1 into ONE info-level line on its `wasm` logger, prefixed `wasm log <plugin> <root_id>
// <vm_id>: ` and with one trailing newline stripped (see README.md for clean lines).

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, written: usize): u16;

const IOV: usize = memory.data(8);
const WRITTEN: usize = memory.data(4);

/** Writes [ptr, ptr+len) (a line ending in "\n") in one call; false when the host refused it. */
export function writeStdout(ptr: usize, len: i32): bool {
  store<u32>(IOV, <u32>ptr);
  store<u32>(IOV + 4, <u32>len);
  return fd_write(1, IOV, 1, WRITTEN) == 0;
}

// Where the blocks the host returns live. Envoy answers each property and header-map read by
// calling the guest's malloc export and copying the value into the block, and the guest frees it
// later. A filter that reads many values in one callback and drops them all together can lend
// the host a region for that callback: blocks are then bumped from it and freeing them costs
// nothing (TLSF allocation and freeing were a good part of each read). Anything that does not
// fit (or is larger than the filter wants there), and every block outside a lending, comes from
// the heap. A filter that lends a region must free host blocks with freeHostBlock; the others
// may keep using heap.free.

let regionStart: usize = 0;
let regionEnd: usize = 0;
let top: usize = 0;
/** End of the region while lending, 0 otherwise. */
let limit: usize = 0;
/** Largest block taken from the region. */
let maxBlock: usize = 0;

/** The malloc export: a block of `size` bytes for the host to fill. */
export function allocHostBlock(size: usize): usize {
  const p = (top + 7) & ~<usize>7;
  if (limit != 0 && size != 0 && size <= maxBlock && p <= limit && size <= limit - p) {
    top = p + size;
    return p;
  }
  return heap.alloc(size);
}

/** Frees a block the host returned (nothing to do for one from the region). */
export function freeHostBlock(ptr: usize): void {
  if (ptr - regionStart < regionEnd - regionStart) return;
  heap.free(ptr);
}

/**
 * Lends [start, start+size) to the host, for blocks of up to `blockLimit` bytes, until
 * stopLending(). Starting again from the beginning, it ends the life of every block handed out
 * by an earlier lending of the same region.
 */
export function lendRegion(start: usize, size: usize, blockLimit: usize): void {
  maxBlock = blockLimit;
  regionStart = start;
  regionEnd = start + size;
  top = start;
  limit = regionEnd;
}

/**
 * Raises (or lowers) the largest block the current lending takes from the region, returning the
 * previous limit: one read whose result is larger than usual (a batched list) can still be bumped.
 */
export function allowBlocksUpTo(blockLimit: usize): usize {
  const previous = maxBlock;
  maxBlock = blockLimit;
  return previous;
}

/** Blocks come from the heap again; those handed out from the region stay valid until it is lent again. */
export function stopLending(): void {
  limit = 0;
}

/**
 * The encoders' shared scratch buffer (see HessianWriter): one 64 KiB buffer that at most one
 * writer holds at a time. A writer that takes it gives it back with `releaseScratch`; one that
 * never does (abandoned by a failed encoding) is replaced by `replaceLostScratch`.
 */

/** Bodies up to this size are encoded in the scratch buffer; larger ones grow out of it. */
const SCRATCH_SIZE = 64 * 1024;

/** The free scratch buffer, or undefined while a writer holds it. */
let spare: Buffer | undefined = Buffer.allocUnsafeSlow(SCRATCH_SIZE);

/** The scratch buffer if it is free and holds `need` bytes (the caller now owns it), else undefined. */
export function takeScratch(need: number): Buffer | undefined {
  const free = spare;
  if (free === undefined || need > free.length) return undefined;
  spare = undefined;
  return free;
}

/** Gives the scratch buffer back (its contents are garbage from now on). */
export function releaseScratch(scratch: Buffer): void {
  spare = scratch;
}

/**
 * Called by a writer that finished without the scratch: if nobody gave it back (a writer holds
 * it while nested encodings run, or one was abandoned), a new one is made for the next writers.
 */
export function replaceLostScratch(): void {
  spare ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE);
}

/** Finished bodies copied out of the scratch buffer are carved from slabs of this size. */
const SLAB_SIZE = 64 * 1024;
let slab: Buffer = Buffer.allocUnsafeSlow(SLAB_SIZE);
let slabUsed = 0;

/**
 * The first `n` bytes of `scratch` in a buffer of their own, carved from a shared 64 KiB slab
 * (a body over a quarter of that gets its own buffer): Node's pool is 8 KiB, so bodies of a few
 * KiB would make it allocate a new pool every second body. A slab lives while any body carved
 * from it does (until the socket has written it).
 */
export function copyOutOfScratch(scratch: Buffer, n: number): Buffer {
  let out: Buffer;
  if (n > SLAB_SIZE / 4) out = Buffer.allocUnsafeSlow(n);
  else {
    if (slabUsed + n > SLAB_SIZE) {
      slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      slabUsed = 0;
    }
    out = slab.subarray(slabUsed, slabUsed + n);
    slabUsed = (slabUsed + n + 7) & ~7; // 8-byte aligned, as Node's pool
  }
  scratch.copy(out, 0, 0, n);
  return out;
}

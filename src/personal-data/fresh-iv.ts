import { randomBytes } from 'node:crypto';

/** AES-GCM's recommended IV length. */
export const IV_BYTES = 12;
/**
 * IVs drawn from the CSPRNG this many at a time. A draw of 12 bytes cost about as much as the
 * encryption of a short note (a synchronous job into OpenSSL each time); one draw of 3 KB serves 256.
 */
const IVS_PER_DRAW = 256;

let drawn = Buffer.alloc(0);
let next = 0;

/**
 * A random IV that no other call in this process gets: each is a distinct slice of the drawn bytes,
 * and a used block is never written again (the next draw is a new buffer). Processes and worker
 * threads each draw their own, from the same generator a single `randomBytes(12)` would use.
 */
export const freshIv = (): Buffer => {
  if (next + IV_BYTES > drawn.length) {
    drawn = randomBytes(IV_BYTES * IVS_PER_DRAW);
    next = 0;
  }
  const iv = drawn.subarray(next, next + IV_BYTES);
  next += IV_BYTES;
  return iv;
};

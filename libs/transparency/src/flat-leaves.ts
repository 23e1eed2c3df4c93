import { hash } from 'node:crypto';

/** As merkle.ts's HASH_BYTES; a local constant in these loops, not a module binding read per use. */
const HASH_BYTES = 32;

/**
 * Leaves and perfect subtrees over flat buffers of 32-byte hashes, for a verification that hashes
 * a million of them: one reused 65-byte input and digests taken as latin1 strings, written back
 * into the flat buffer. A digest as a Buffer (`'buffer'` output, or `createHash().digest()`) costs
 * about three times a latin1 string in Node 20; so does a Buffer object per leaf and per node.
 */
const scratch = Buffer.alloc(1 + 2 * HASH_BYTES);

/** SHA-256(0x00 ‖ entry) of each 32-byte entry of `entries`, into `out` at the same offsets (they may be the same buffer). */
export const leafHashesInto = (entries: Uint8Array, out: Buffer): void => {
  if (entries.length % HASH_BYTES !== 0 || out.length < entries.length) throw new RangeError('entries are not whole 32-byte hashes');
  scratch[0] = 0;
  const input = scratch.subarray(0, 1 + HASH_BYTES);
  for (let at = 0; at < entries.length; at += HASH_BYTES) {
    for (let k = 0; k < HASH_BYTES; k += 1) scratch[1 + k] = entries[at + k];
    writeDigest(hash('sha256', input, 'binary'), out, at);
  }
};

/**
 * MTH of 2^k leaf hashes given flat in `leaves` (RFC 9162: node = SHA-256(0x01 ‖ left ‖ right)),
 * folded level by level in place: `leaves` is overwritten.
 */
export const perfectSubtreeRoot = (leaves: Buffer): Buffer => {
  let count = leaves.length / HASH_BYTES;
  if (!Number.isInteger(Math.log2(count))) throw new RangeError(`${count} leaves are not a perfect subtree`);
  scratch[0] = 1;
  for (; count > 1; count /= 2) {
    for (let i = 0; i < count; i += 2) {
      const at = i * HASH_BYTES;
      for (let k = 0; k < 2 * HASH_BYTES; k += 1) scratch[1 + k] = leaves[at + k];
      writeDigest(hash('sha256', scratch, 'binary'), leaves, at / 2);
    }
  }
  return Buffer.from(leaves.subarray(0, HASH_BYTES));
};

/** A digest as a latin1 ('binary') string into `out` at `at`: a loop over 32 characters beats a `write` call. */
const writeDigest = (digest: string, out: Uint8Array, at: number): void => {
  for (let k = 0; k < HASH_BYTES; k += 1) out[at + k] = digest.charCodeAt(k);
};

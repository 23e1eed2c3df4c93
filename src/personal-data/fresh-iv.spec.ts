import { freshIv, IV_BYTES } from './fresh-iv';

describe('fresh IVs', () => {
  it('gives every call 12 bytes of its own, across several draws from the generator', () => {
    // 1,000 IVs cross the end of at least three drawn blocks.
    const ivs = Array.from({ length: 1_000 }, () => freshIv());
    expect(ivs.every((iv) => iv.length === IV_BYTES)).toBe(true);
    expect(new Set(ivs.map((iv) => iv.toString('hex'))).size).toBe(ivs.length);
  });

  it('never hands out bytes again once a block is used up: the next draw is a new buffer', () => {
    const first = freshIv();
    const kept = Buffer.from(first);
    for (let i = 0; i < 600; i += 1) freshIv();
    // The slice the caller kept still holds what it was given.
    expect(first.equals(kept)).toBe(true);
  });
});

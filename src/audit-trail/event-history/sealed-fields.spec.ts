import { randomBytes } from 'node:crypto';
import { seal } from '../../personal-data/sealing';
import { isSealed, replaceSealed } from './sealed-fields';

describe('sealed fields', () => {
  const sealed = seal(randomBytes(32), JSON.stringify('B1 certificate'), 'p-1');

  it('recognises a value sealed by the vault, and nothing else', () => {
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed('v1.not.sealed')).toBe(false);
    expect(isSealed('B1 certificate')).toBe(false);
    expect(isSealed(42)).toBe(false);
  });

  it('replaces every sealed value, however deep, and leaves the rest as stored', async () => {
    const data = { pathwayId: 'w-1', goal: sealed, step: { note: sealed, kind: 'counselling' }, list: [sealed, 'x'], n: 3, none: null };
    expect(await replaceSealed(data, () => Promise.resolve({ sealed: true }))).toEqual({
      pathwayId: 'w-1',
      goal: { sealed: true },
      step: { note: { sealed: true }, kind: 'counselling' },
      list: [{ sealed: true }, 'x'],
      n: 3,
      none: null,
    });
  });
});

import { newDataKey, seal, unseal, UnsealError } from './sealing';

describe('sealing personal data', () => {
  const key = newDataKey();

  it('opens what it sealed, and never shows the clear text', () => {
    const sealed = seal(key, 'Amira Haddad, 2004-05-17', 'participant-1');
    expect(sealed).not.toContain('Amira');
    expect(sealed).toMatch(/^v1\./);
    expect(unseal(key, sealed, 'participant-1')).toBe('Amira Haddad, 2004-05-17');
  });

  it('seals the same text differently each time', () => {
    expect(seal(key, 'same', 'p')).not.toBe(seal(key, 'same', 'p'));
  });

  it.each([
    ['another key', () => unseal(newDataKey(), seal(key, 'x', 'p'), 'p')],
    ['another owner', () => unseal(key, seal(key, 'x', 'p'), 'q')],
    [
      'an altered ciphertext',
      () => {
        const sealed = seal(key, 'some text', 'p');
        return unseal(key, sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA'), 'p');
      },
    ],
    ['garbage', () => unseal(key, 'not sealed', 'p')],
  ])('refuses to open with %s', (_, open) => {
    expect(open).toThrow(UnsealError);
  });
});

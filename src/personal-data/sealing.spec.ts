import { newDataKey, seal, unseal, UnsealError } from './sealing';

describe('sealing personal data', () => {
  const key = newDataKey();

  it('opens what it sealed, and never shows the clear text', () => {
    const sealed = seal(key, 'Amira Haddad, 2004-05-17', 'participant-1');
    expect(sealed).not.toContain('Amira');
    expect(sealed).toMatch(/^v1\./);
    expect(unseal(key, sealed, 'participant-1')).toBe('Amira Haddad, 2004-05-17');
  });

  it("opens texts of every length and script, whatever is left over for base64 between the cipher's update and final", () => {
    for (let length = 0; length < 40; length += 1) {
      const text = 'äx€'.repeat(length).slice(0, length);
      const sealed = seal(key, text, 'p');
      const [, iv, tag, ciphertext] = sealed.split('.');
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      // GCM is a stream mode: the ciphertext is as long as the UTF-8 text.
      expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(Buffer.byteLength(text));
      expect(unseal(key, sealed, 'p')).toBe(text);
    }
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

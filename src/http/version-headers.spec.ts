import { DomainError } from '@lotse/domain';
import { parseIfMatch, setVersionHeaders } from './version-headers';

const refusal = (header: string): DomainError => {
  try {
    parseIfMatch(header);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(header)} to be refused`);
};

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    ['W/"3"', 3],
    ['"0"', 0],
    ['  "42"  ', 42],
    ['"9007199254740991"', Number.MAX_SAFE_INTEGER],
  ])('reads %s as version %i', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('gives undefined when there is no header, or * (any version)', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it.each(['', '"abc"', '"-1"', '"3', '3"', '"03"', '"3", "4"', 'W/3x', '"1.5"', '"99999999999999999999"', 'w/"3"'])(
    'refuses %j as validation_failed naming the header',
    (header) => {
      const error = refusal(header);
      expect(error.code).toBe('validation_failed');
      expect(error.details.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    },
  );
});

describe('setVersionHeaders', () => {
  it('sets a strong, quoted ETag', () => {
    const headers: Record<string, string> = {};
    setVersionHeaders(
      {
        header: (name, value) => {
          headers[name] = value;
        },
      },
      7,
    );
    expect(headers).toEqual({ ETag: '"7"' });
  });

  it('round-trips through parseIfMatch', () => {
    let etag = '';
    setVersionHeaders(
      {
        header: (_name, value) => {
          etag = value;
        },
      },
      12,
    );
    expect(parseIfMatch(etag)).toBe(12);
  });
});

import { DomainError } from '../kernel/domain-error';
import { compareRegistrations } from './match-score';
import { inClear, lookupKeyTexts, matchingKeys, nameForms, oneDeletionNeighbours, Registration, typoNeighbours } from './matching-keys';

const marked = (text: string) => `#${text}`;
const mohammad: Registration = { givenName: 'Mohammad', familyName: 'Al-Hassan', birthDate: '2003-07-04' };

const sharesALookupKey = (a: Registration, b: Registration) => {
  const keys = new Set(matchingKeys(a, inClear).lookup);
  return matchingKeys(b, inClear).lookup.some((key) => keys.has(key));
};

describe('one-deletion neighbours', () => {
  it('are the word and the word with each letter left out', () =>
    expect(oneDeletionNeighbours('hasan').sort()).toEqual(['asan', 'haan', 'hasa', 'hasan', 'hasn', 'hsan']));
});

describe('typo neighbours', () => {
  const oneTypoApart = (a: string, b: string) => {
    const neighbours = new Set(typoNeighbours(a));
    return typoNeighbours(b).some((n) => neighbours.has(n));
  };

  it.each([
    ['a wrong letter', 'karimi', 'karini'],
    ['a missing letter', 'rahimi', 'rahmi'],
    ['an extra letter', 'sultani', 'sulltani'],
    ['two letters swapped', 'ahmadi', 'ahmdai'],
    ['a wrong last letter', 'samadi', 'samado'],
    ['a missing last letter that is no -i', 'hamid', 'hami'],
  ])('meet for %s', (_, a, b) => expect(oneTypoApart(a, b)).toBe(true));

  it.each([
    ['two letters wrong', 'hasan', 'husain'],
    ['another first letter', 'rahim', 'fahim'],
    ['a first letter moved', 'ahmed', 'hamed'],
    ['a first letter added', 'amir', 'samir'],
    ['a final -i that makes a family name of a given name', 'ahmadi', 'ahmad'],
  ])('do not meet for %s', (_, a, b) => expect(oneTypoApart(a, b)).toBe(false));
});

describe('name forms', () => {
  it('hold the canonical parts, the whole name and its phonetic code', () => {
    const forms = nameForms('Abd al-Rahman Al-Hassan');
    expect(forms.parts).toEqual(['abdrahman', 'hasan']);
    expect(forms.whole).toBe('abdrahmanhasan');
    expect(forms.phonetic).toBe('01276686');
  });
});

describe('matching keys', () => {
  it('hold no clear value: every key went through the hash', () => {
    const keys = matchingKeys(mohammad, marked);
    const strings = [
      ...Object.values(keys.givenName),
      ...Object.values(keys.familyName),
      keys.allParts,
      ...Object.values(keys.birthDate),
      keys.lookup,
    ]
      .flat()
      .filter((value) => typeof value === 'string');
    expect(strings.length).toBeGreaterThan(20);
    for (const value of strings) expect(value).toMatch(/^#/);
  });

  it('are the same for the same registration, so they can be stored and compared later', () =>
    expect(matchingKeys(mohammad, marked)).toEqual(matchingKeys({ ...mohammad }, marked)));

  it('have no name keys for a name without Latin letters, rather than keys of an empty name', () => {
    const keys = matchingKeys({ ...mohammad, givenName: 'محمد' }, marked);
    expect(keys.givenName).toEqual({ whole: null, phonetic: null, parts: [], neighbours: [], typoTolerant: false });
  });

  it.each(['2003-02-30', '2003-02-29', '2003-13-01', '14.07.2003', '2003-7-14', ''])('refuse the birth date "%s"', (birthDate) => {
    expect(() => matchingKeys({ ...mohammad, birthDate }, marked)).toThrow(DomainError);
    expect(() => matchingKeys({ ...mohammad, birthDate }, marked)).toThrow(expect.objectContaining({ code: 'invalid_birth_date' }));
  });

  it('accept 29 February', () => expect(() => matchingKeys({ ...mohammad, birthDate: '2004-02-29' }, marked)).not.toThrow());
});

describe('lookup keys', () => {
  it.each<[string, Registration]>([
    ['another transliteration', { givenName: 'Muhammed', familyName: 'Alhassan', birthDate: '2003-07-04' }],
    ['given and family name swapped', { givenName: 'Al-Hassan', familyName: 'Mohammad', birthDate: '2003-07-04' }],
    ['a typo in one name', { givenName: 'Mohammad', familyName: 'Al-Hasasn', birthDate: '2003-07-04' }],
    ['a middle name added', { givenName: 'Mohammad Ali', familyName: 'Al-Hassan', birthDate: '2003-07-04' }],
    ['the 01.01. placeholder', { givenName: 'Mohammad', familyName: 'Al-Hassan', birthDate: '2003-01-01' }],
    ['day and month swapped', { givenName: 'Mohammad', familyName: 'Al-Hassan', birthDate: '2003-04-07' }],
  ])('are shared with %s', (_, other) => expect(sharesALookupKey(mohammad, other)).toBe(true));

  it('are shared when parts moved between the fields (father’s name as given or family name)', () =>
    expect(
      sharesALookupKey(
        { givenName: 'Yonas Tesfay', familyName: 'Gebremedhin', birthDate: '2001-01-01' },
        { givenName: 'Yonas', familyName: 'Tesfaye Gebremedhin', birthDate: '2001-01-01' },
      ),
    ).toBe(true));

  it('are not shared when both names carry an error of their own: the one blind spot of the index', () => {
    const twoTypos = { ...mohammad, givenName: 'Mohamamd', familyName: 'Al-Hasasn' };
    expect(compareRegistrations(mohammad, twoTypos).evidence).toMatchObject({ givenName: 'typo', familyName: 'typo' });
    expect(sharesALookupKey(mohammad, twoTypos)).toBe(false);
  });

  it.each<[string, Registration]>([
    ['another person born the same year', { givenName: 'Yonas', familyName: 'Tesfay', birthDate: '2003-07-04' }],
    ['the same name born another year (a wrong year is not found)', { ...mohammad, birthDate: '2004-07-14' }],
  ])('are not shared with %s', (_, other) => expect(sharesALookupKey(mohammad, other)).toBe(false));

  it('grow with the length of the names, not more, so that the index stays small', () => {
    const [given, family] = [nameForms('Abdulrahman Mohammad'), nameForms('Ahmadzai-Stanekzai')];
    const letters = given.whole.length + given.written.length + family.whole.length + family.written.length;
    expect(lookupKeyTexts(given, family, '2001').length).toBeLessThanOrEqual(letters + 4 + given.parts.length + family.parts.length + 1);
  });
});

import { buildDuplicateIndex, DuplicateIndex } from './duplicate-index';
import { matchingKeys, Registration } from './matching-keys';

const hash = (text: string) => `#${text}`;
const keysOf = (registration: Registration) => matchingKeys(registration, hash);

const givenAnIndexWith = (participants: Record<string, Registration>): DuplicateIndex => {
  const index = buildDuplicateIndex();
  for (const [id, registration] of Object.entries(participants)) index.add(id, keysOf(registration));
  return index;
};

const jobCentre = {
  'p-mohammad': { givenName: 'Mohammad', familyName: 'Al-Hassan', birthDate: '2003-07-04' },
  'p-hussein': { givenName: 'Hussein', familyName: 'Al-Hassan', birthDate: '2003-07-04' },
  'p-maria': { givenName: 'Maria', familyName: 'Müller', birthDate: '1999-11-23' },
};
const districtRegistersMohammad = keysOf({ givenName: 'Alhassan', familyName: 'Muhammed', birthDate: '2003-01-01' });

describe('the duplicate index', () => {
  it('finds the same person registered by another body, and not the twin brother', () =>
    expect(
      givenAnIndexWith(jobCentre)
        .findDuplicates(districtRegistersMohammad)
        .map((found) => found.participantId),
    ).toEqual(['p-mohammad']));

  it('says why: names swapped, birth date a placeholder', () => {
    const [found] = givenAnIndexWith(jobCentre).findDuplicates(districtRegistersMohammad);
    expect(found.match).toMatchObject({ namesSwapped: true, fields: { givenName: 'equal', familyName: 'equal', birthDate: 'similar' } });
  });

  it('may offer a twin whose name sounds alike as a candidate, which the score then rejects', () => {
    const index = givenAnIndexWith(jobCentre);
    const hassan = keysOf({ ...jobCentre['p-hussein'], givenName: 'Hassan' });
    expect(index.candidates(hassan)).toContain('p-hussein');
    expect(index.findDuplicates(hassan)).toEqual([]);
  });

  it('leaves out the registration looked up itself', () =>
    expect(givenAnIndexWith(jobCentre).findDuplicates(keysOf(jobCentre['p-maria']), { except: 'p-maria' })).toEqual([]));

  it('finds nothing once a participant is removed (merged or erased)', () => {
    const index = givenAnIndexWith(jobCentre);
    index.remove('p-mohammad');
    expect(index.findDuplicates(districtRegistersMohammad)).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('replaces the keys of a participant added again with a corrected name', () => {
    const index = givenAnIndexWith(jobCentre);
    index.add('p-mohammad', keysOf({ givenName: 'Mahmoud', familyName: 'Darwish', birthDate: '2003-07-04' }));
    expect(index.findDuplicates(districtRegistersMohammad)).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('looks only at participants sharing a key, not at everyone', () => {
    const index = givenAnIndexWith(jobCentre);
    for (let i = 0; i < 500; i++) {
      index.add(
        `other-${i}`,
        keysOf({
          givenName: 'Mohammad',
          familyName: `Family${String.fromCharCode(97 + (i % 26))}${i}`,
          birthDate: `${1995 + (i % 12)}-01-01`,
        }),
      );
    }
    expect(index.candidates(districtRegistersMohammad).length).toBeLessThan(10);
  });
});

import { createHash } from 'node:crypto';
import { matchingKeys, Registration } from './matching-keys';
import {
  BIRTH_DATE_EVIDENCE_WEIGHT,
  BirthDateEvidence,
  compareMatchingKeys,
  compareRegistrations,
  DUPLICATE_THRESHOLD,
  FieldComparison,
  isPotentialDuplicate,
  NAME_EVIDENCE_WEIGHT,
  NameEvidence,
} from './match-score';

const registered: Registration = { givenName: 'Mohammad', familyName: 'Al-Hassan', birthDate: '2003-07-04' };
const as = (changes: Partial<Registration>): Registration => ({ ...registered, ...changes });

type Fields = [FieldComparison, FieldComparison, FieldComparison];

describe('comparing two registrations', () => {
  // given the registration above, when another body registers …, then the fields compare as … and the pair is (not) a potential duplicate
  it.each<[string, Registration, Fields, boolean]>([
    ['the same data again', as({}), ['equal', 'equal', 'equal'], true],
    ['another transliteration', as({ givenName: 'Muhammed', familyName: 'Alhassan' }), ['equal', 'equal', 'equal'], true],
    ['the names swapped', as({ givenName: 'Al Hassan', familyName: 'Mohamed' }), ['equal', 'equal', 'equal'], true],
    ['a typo in the family name', as({ familyName: 'Al-Hasasn' }), ['equal', 'similar', 'equal'], true],
    ['a middle name', as({ givenName: 'Mohammad Ali' }), ['similar', 'equal', 'equal'], true],
    ['the 01.01. placeholder for the birth date', as({ birthDate: '2003-01-01' }), ['equal', 'equal', 'similar'], true],
    ['day and month swapped', as({ birthDate: '2003-04-07' }), ['equal', 'equal', 'similar'], true],
    ['a typo and the 01.01. placeholder', as({ familyName: 'Al-Hasasn', birthDate: '2003-01-01' }), ['equal', 'similar', 'similar'], true],
    ['the twin brother Hussein', as({ givenName: 'Hussein' }), ['different', 'equal', 'equal'], false],
    ['a namesake born on another day', as({ birthDate: '2003-09-21' }), ['equal', 'equal', 'different'], false],
    ['a sister two years younger', as({ givenName: 'Fatima', birthDate: '2005-02-11' }), ['different', 'equal', 'different'], false],
    ['someone else born the same day', as({ givenName: 'Yonas', familyName: 'Tesfay' }), ['different', 'different', 'equal'], false],
    ['a Turkish Mehmet of the same family name and birthday', as({ givenName: 'Mehmet' }), ['different', 'equal', 'equal'], false],
  ])('given Mohammad Al-Hassan, when another body registers %s', (_, other, [givenName, familyName, birthDate], duplicate) => {
    const match = compareRegistrations(registered, other);
    expect(match.fields).toEqual({ givenName, familyName, birthDate });
    expect(isPotentialDuplicate(match)).toBe(duplicate);
  });

  it('reports which fields it matched when the names were swapped', () => {
    const match = compareRegistrations(registered, as({ givenName: 'Hasan', familyName: 'Mohammad' }));
    expect(match.namesSwapped).toBe(true);
    expect(match.score).toBe(1);
  });

  it('matches name parts moved between given and family name', () => {
    const match = compareRegistrations(
      { givenName: 'Yonas Tesfay', familyName: 'Gebremedhin', birthDate: '2001-01-01' },
      { givenName: 'Yonas', familyName: 'Tesfay Gebremedhin', birthDate: '2001-01-01' },
    );
    expect(match.evidence).toEqual({ givenName: 'regrouped', familyName: 'regrouped', birthDate: 'equal' });
    expect(isPotentialDuplicate(match)).toBe(true);
  });

  it.each([
    ['a spelling the rules do not fold, same sound, one letter apart', 'Hamid', 'Hamed', 'spelling'],
    ['a typo that changes the sound, in a long name', 'Karimi', 'Kaeimi', 'typo'],
  ])('calls %s similar', (_, a, b, evidence) =>
    expect(compareRegistrations(as({ familyName: a }), as({ familyName: b })).evidence.familyName).toBe(evidence),
  );

  it.each([
    ['Ahmadi', 'Ahmad'],
    ['Karimi', 'Karim'],
    ['Hosseini', 'Hossein'],
  ])('does not take %s for a spelling of %s: the final -i makes a family name of a given name', (a, b) =>
    expect(compareRegistrations(as({ familyName: a }), as({ familyName: b })).fields.familyName).toBe('different'),
  );

  it.each([
    ['Amir', 'Amin'],
    ['Sara', 'Sana'],
  ])('does not take %s for a typo of %s: short names one letter apart are other names', (a, b) =>
    expect(compareRegistrations(as({ givenName: a }), as({ givenName: b })).fields.givenName).toBe('different'),
  );

  it('says different for a name without Latin letters rather than guessing', () =>
    expect(compareRegistrations(as({ givenName: 'محمد' }), as({ givenName: 'محمد' })).fields.givenName).toBe('different'));

  it('gives the stored comparison (hashes only) the same result as the admin view (clear values)', () => {
    const hmacLike = (text: string) => createHash('sha256').update(`server-key|${text}`).digest('base64url').slice(0, 22);
    const others = [
      as({}),
      as({ givenName: 'Muhammed Ali', familyName: 'Alhasan' }),
      as({ familyName: 'Al-Hasasn', birthDate: '2003-01-01' }),
      as({ givenName: 'Al-Hassan', familyName: 'Mohammad', birthDate: '2003-04-07' }),
      as({ givenName: 'Hussein' }),
      as({ birthDate: '2004-07-04' }),
    ];
    for (const other of others) {
      expect(compareMatchingKeys(matchingKeys(registered, hmacLike), matchingKeys(other, hmacLike))).toEqual(
        compareRegistrations(registered, other),
      );
    }
  });
});

describe('the score', () => {
  const score = (givenName: NameEvidence, familyName: NameEvidence, birthDate: BirthDateEvidence) =>
    NAME_EVIDENCE_WEIGHT[givenName] * NAME_EVIDENCE_WEIGHT[familyName] * BIRTH_DATE_EVIDENCE_WEIGHT[birthDate];

  it.each<[NameEvidence, NameEvidence, BirthDateEvidence, boolean]>([
    ['equal', 'equal', 'equal', true],
    ['typo', 'typo', 'equal', true],
    ['regrouped', 'regrouped', 'equal', true],
    ['equal', 'part', 'day_month_swapped', true],
    ['spelling', 'typo', 'day_month_swapped', true],
    ['equal', 'equal', 'placeholder', true],
    ['spelling', 'spelling', 'placeholder', true],
    ['equal', 'typo', 'placeholder', true],
    ['regrouped', 'regrouped', 'placeholder', true],
    // Two weak signals are not enough:
    ['typo', 'part', 'equal', false],
    ['part', 'part', 'equal', false],
    ['typo', 'typo', 'day_month_swapped', false],
    ['equal', 'part', 'placeholder', false],
    ['spelling', 'typo', 'placeholder', false],
    // A different field never is:
    ['equal', 'equal', 'different', false],
    ['different', 'equal', 'equal', false],
  ])('given names %s and %s and a birth date %s, says duplicate: %s', (givenName, familyName, birthDate, duplicate) => {
    expect(score(givenName, familyName, birthDate) >= DUPLICATE_THRESHOLD).toBe(duplicate);
    // No combination sits on the threshold, where rounding would decide.
    expect(Math.abs(score(givenName, familyName, birthDate) - DUPLICATE_THRESHOLD)).toBeGreaterThan(0.005);
  });

  it('keeps every pair with a different field below the threshold, however strong the rest', () => {
    expect(NAME_EVIDENCE_WEIGHT.different).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(BIRTH_DATE_EVIDENCE_WEIGHT.different).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('ranks an exact match above a middle name with a swapped birth date', () =>
    expect(compareRegistrations(registered, as({})).score).toBeGreaterThan(
      compareRegistrations(registered, as({ givenName: 'Mohammad Ali', birthDate: '2003-04-07' })).score,
    ));
});

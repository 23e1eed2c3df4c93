/**
 * How alike two registrations are: a score from 0 to 1 and, per field, equal / similar / different.
 * The comparison runs on matching keys, so the stored comparison (hashes only) and the admin view
 * (clear values, `compareRegistrations`) cannot disagree: the admin view is the same comparison
 * with the identity as hash.
 */
import { inClear, matchingKeys, MatchingKeys, NameKeys, BirthDateKeys, Registration } from './matching-keys';

export type FieldComparison = 'equal' | 'similar' | 'different';

/**
 * Why two name fields are alike, strongest first:
 * - `spelling`: same phonetic code and one letter apart (Hamid/Hamed, Rezai/Rezayi);
 * - `regrouped`: the same parts, split differently between given and family name;
 * - `part`: one field has a part the other lacks (a middle name, a father's name dropped);
 * - `typo`: one letter apart, the longer name having at least TYPO_MIN_LENGTH letters, whatever it sounds like.
 * A phonetic code alone is no evidence: it ignores vowels and h, so Hasan and Husain, Mahmud and
 * Muhammad, Ahmad and Hamid share one, and those are the names twins are given.
 */
export type NameEvidence = 'equal' | 'spelling' | 'regrouped' | 'part' | 'typo' | 'different';
export type BirthDateEvidence = 'equal' | 'day_month_swapped' | 'placeholder' | 'different';

/**
 * The score multiplies one weight per field. A different field (0.3 or less) keeps any pair below
 * the threshold, so twins (same family name and birthday) and namesakes (same name, another
 * birthday) stay apart. Between similar fields the weights say how much weak evidence adds up to:
 * a placeholder birth date only says "same year", so it needs both names equal or spelled alike,
 * or one equal and the other a typo off; a shared part (often a common name such as Ahmed) is not
 * enough next to a placeholder or a second weak name. match-score.spec.ts spells out the table.
 */
export const NAME_EVIDENCE_WEIGHT: Readonly<Record<NameEvidence, number>> = {
  equal: 1,
  spelling: 0.95,
  regrouped: 0.9,
  typo: 0.8,
  part: 0.74,
  different: 0.3,
};
export const BIRTH_DATE_EVIDENCE_WEIGHT: Readonly<Record<BirthDateEvidence, number>> = {
  equal: 1,
  day_month_swapped: 0.9,
  placeholder: 0.76,
  different: 0.2,
};

/** At or above this score a pair is a potential duplicate, to be merged or dismissed by a coordinator. */
export const DUPLICATE_THRESHOLD = 0.6;

export interface MatchResult {
  readonly score: number;
  /** Per field of the first registration, against the field of the second it was matched with (see `namesSwapped`). */
  readonly fields: { readonly givenName: FieldComparison; readonly familyName: FieldComparison; readonly birthDate: FieldComparison };
  readonly evidence: { readonly givenName: NameEvidence; readonly familyName: NameEvidence; readonly birthDate: BirthDateEvidence };
  /** The first registration's given name matched the second one's family name, and vice versa. */
  readonly namesSwapped: boolean;
}

const shareAny = (a: readonly string[], b: readonly string[]): boolean => {
  const seen = new Set(a);
  return b.some((item) => seen.has(item));
};

const containsAll = (larger: readonly string[], smaller: readonly string[]): boolean => {
  const parts = new Set(larger);
  return smaller.length > 0 && smaller.every((part) => parts.has(part));
};

export const compareNameKeys = (a: NameKeys, b: NameKeys): NameEvidence => {
  if (a.whole === null || b.whole === null) return 'different';
  if (a.whole === b.whole) return 'equal';
  const oneLetterApart = shareAny(a.neighbours, b.neighbours);
  if (oneLetterApart && a.phonetic === b.phonetic) return 'spelling';
  if (containsAll(a.parts, b.parts) || containsAll(b.parts, a.parts)) return 'part';
  if (oneLetterApart && (a.typoTolerant || b.typoTolerant)) return 'typo';
  return 'different';
};

export const compareBirthDateKeys = (a: BirthDateKeys, b: BirthDateKeys): BirthDateEvidence => {
  if (a.exact === b.exact) return 'equal';
  if (a.dayMonthUnordered === b.dayMonthUnordered) return 'day_month_swapped';
  if (b.placeholdersOfYear.includes(a.exact) || a.placeholdersOfYear.includes(b.exact)) return 'placeholder';
  return 'different';
};

const verdict = (evidence: NameEvidence | BirthDateEvidence): FieldComparison =>
  evidence === 'equal' ? 'equal' : evidence === 'different' ? 'different' : 'similar';

interface NameAlignment {
  readonly givenName: NameEvidence;
  readonly familyName: NameEvidence;
  readonly namesSwapped: boolean;
}

const nameWeight = (alignment: NameAlignment): number =>
  NAME_EVIDENCE_WEIGHT[alignment.givenName] * NAME_EVIDENCE_WEIGHT[alignment.familyName];

/** Given and family name as entered, swapped, or (same parts overall) regrouped: whichever fits best. */
const bestNameAlignment = (a: MatchingKeys, b: MatchingKeys): NameAlignment => {
  const alignments: NameAlignment[] = [
    { givenName: compareNameKeys(a.givenName, b.givenName), familyName: compareNameKeys(a.familyName, b.familyName), namesSwapped: false },
    { givenName: compareNameKeys(a.givenName, b.familyName), familyName: compareNameKeys(a.familyName, b.givenName), namesSwapped: true },
  ];
  const allFieldsNamed = [a.givenName, a.familyName, b.givenName, b.familyName].every((field) => field.whole !== null);
  if (allFieldsNamed && a.allParts === b.allParts)
    alignments.push({ givenName: 'regrouped', familyName: 'regrouped', namesSwapped: false });
  return alignments.reduce((best, next) => (nameWeight(next) > nameWeight(best) ? next : best));
};

/** Compares two registrations by their matching keys alone: what the stored comparison and the index use. */
export const compareMatchingKeys = (a: MatchingKeys, b: MatchingKeys): MatchResult => {
  const names = bestNameAlignment(a, b);
  const birthDate = compareBirthDateKeys(a.birthDate, b.birthDate);
  return {
    score: nameWeight(names) * BIRTH_DATE_EVIDENCE_WEIGHT[birthDate],
    fields: { givenName: verdict(names.givenName), familyName: verdict(names.familyName), birthDate: verdict(birthDate) },
    evidence: { givenName: names.givenName, familyName: names.familyName, birthDate },
    namesSwapped: names.namesSwapped,
  };
};

/** Compares two registrations in clear, for the admin view that shows both side by side. */
export const compareRegistrations = (a: Registration, b: Registration): MatchResult =>
  compareMatchingKeys(matchingKeys(a, inClear), matchingKeys(b, inClear));

export const isPotentialDuplicate = (match: MatchResult): boolean => match.score >= DUPLICATE_THRESHOLD;

/**
 * Matching keys: what is kept of a registration's name and birth date so that the same person
 * registered twice can be found, without keeping the name or the birth date itself. Personal data
 * lives sealed per participant, so that destroying one key erases it; these keys pass through a keyed hash that the caller
 * supplies (the application an HMAC with a server key, the tests something readable), so the store
 * holds only hashes, and erasing a participant means dropping its keys.
 *
 * Comparing two sets of keys (match-score.ts) works on hashes alone, which is why every form that a
 * comparison needs is a separate key: the whole canonical name for "equal", its phonetic code and its
 * one-deletion neighbours for "similar", its parts for a dropped middle name.
 */
import { DomainError } from '../kernel/domain-error';
import { koelnerPhonetik } from './koelner-phonetik';
import { canonicalNameParts, writtenNameParts } from './normalise';

/** The personal data the matcher looks at, as the coach enters it (birth date `YYYY-MM-DD`). */
export interface Registration {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
}

/** A keyed one-way function, e.g. HMAC-SHA256 with a server key, truncated and encoded. */
export type KeyHash = (text: string) => string;

/** Comparing in clear, for the admin view and readable tests. */
export const inClear: KeyHash = (text) => text;

/**
 * Below this length a single changed letter turns one real name into another (Amir/Amin, Sara/Sana),
 * so a one-letter difference only counts as a typo when the longer of two names has this many.
 * (Samir/Sami and Amira/Amir do count: a coordinator dismissing such a pair costs less than a
 * person whose second registration goes unnoticed.)
 */
export const TYPO_MIN_LENGTH = 5;

/**
 * Month and day that offices write when only the year of birth is known (asylum files put many
 * refugees on 1 January). A date on one of these days may stand for any date in its year.
 */
export const PLACEHOLDER_MONTH_DAYS: readonly string[] = ['01-01'];

/** A name field in its comparable forms, still in clear. */
export interface NameForms {
  readonly whole: string;
  /** The name as written, only folded to a–z (see `writtenNameParts`). */
  readonly written: string;
  readonly phonetic: string;
  readonly parts: readonly string[];
  /** The whole and the written name, and the forms of them with one letter left out that count as a typo (see `typoNeighbours`). */
  readonly neighbours: readonly string[];
}

/**
 * Two words share a member of these sets exactly when one deletion from each makes them equal:
 * one letter wrong, missing, added or two neighbours swapped. That makes "one typo apart" testable
 * on hashes, which edit distance is not.
 */
export const oneDeletionNeighbours = (word: string): string[] => {
  const neighbours = new Set([word]);
  for (let i = 0; i < word.length; i++) neighbours.add(word.slice(0, i) + word.slice(i + 1));
  return [...neighbours];
};

/**
 * The neighbours that count as a typo, with two exceptions where a one-letter difference makes
 * another name more often than a typo does:
 * - the first letter stays: Ahmed and Hamed, Amir and Samir, Rahim and Fahim differ there, and the
 *   first letters that do vary between spellings are vowels, which the spelling rules fold;
 * - a final i or y after a consonant is not simply dropped: Persian and Arabic family names are
 *   made from given names with it (Ahmad → Ahmadi, Karim → Karimi, Hossein → Hosseini). A changed
 *   last letter (Samadi, Samado) still counts: the form without it is also kept marked with "<",
 *   which only meets another word whose last letter was left out the same way.
 */
export const typoNeighbours = (word: string): string[] => {
  const neighbours = new Set([word]);
  for (let i = 1; i < word.length - 1; i++) neighbours.add(word.slice(0, i) + word.slice(i + 1));
  if (word.length > 1) {
    const withoutLast = word.slice(0, -1);
    if (!/[^aeiou][iy]$/.test(word)) neighbours.add(withoutLast);
    neighbours.add(`${withoutLast}<`);
  }
  return [...neighbours];
};

export const nameForms = (raw: string): NameForms => {
  const parts = canonicalNameParts(raw);
  const whole = parts.join('');
  const written = writtenNameParts(raw).join('');
  // The written form's neighbours catch a typo that the spelling rules turned into a second difference.
  const neighbours = whole ? [...new Set([...typoNeighbours(whole), ...typoNeighbours(written)])] : [];
  return { whole, written, phonetic: koelnerPhonetik(whole), parts, neighbours };
};

/** One name field as hashes. `whole` is null when no Latin letter is left to compare. */
export interface NameKeys {
  readonly whole: string | null;
  readonly phonetic: string | null;
  readonly parts: readonly string[];
  readonly neighbours: readonly string[];
  /** At least TYPO_MIN_LENGTH letters as written or canonical; says roughly what `neighbours.length` already says. */
  readonly typoTolerant: boolean;
}

export interface BirthDateKeys {
  readonly exact: string;
  /** The same for a date and its day/month swap (03.04. and 04.03.), which offices mix up. */
  readonly dayMonthUnordered: string;
  /** The placeholder dates of the same year, so that "is the other date a placeholder of my year?" needs no clear year. */
  readonly placeholdersOfYear: readonly string[];
}

export interface MatchingKeys {
  readonly givenName: NameKeys;
  readonly familyName: NameKeys;
  /** Every name part of both fields, sorted: the same when the parts were only split differently between the fields. */
  readonly allParts: string | null;
  readonly birthDate: BirthDateKeys;
  /** The keys under which an index files the registration; two registrations the score could call duplicates share at least one (see `lookupKeyTexts`). */
  readonly lookup: readonly string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface BirthDateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const birthDateParts = (birthDate: string): BirthDateParts => {
  const [, year, month, day] = DATE.exec(birthDate) ?? [];
  const lastDay = month === '02' && !isLeapYear(Number(year)) ? 28 : DAYS_IN_MONTH[Number(month) - 1];
  const valid = year !== undefined && Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= lastDay;
  if (!valid) throw new DomainError('invalid_birth_date', `birth date must be a calendar date YYYY-MM-DD, got "${birthDate}"`);
  return { year, month, day };
};

const nameKeys = (forms: NameForms, hash: KeyHash): NameKeys =>
  forms.whole === ''
    ? { whole: null, phonetic: null, parts: [], neighbours: [], typoTolerant: false }
    : {
        whole: hash(`name:${forms.whole}`),
        phonetic: hash(`phonetic:${forms.phonetic}`),
        parts: forms.parts.map((part) => hash(`part:${part}`)),
        neighbours: forms.neighbours.map((neighbour) => hash(`near:${neighbour}`)),
        typoTolerant: Math.max(forms.whole.length, forms.written.length) >= TYPO_MIN_LENGTH,
      };

const birthDateKeys = ({ year, month, day }: BirthDateParts, hash: KeyHash): BirthDateKeys => {
  const [low, high] = [month, day].sort();
  return {
    exact: hash(`date:${year}-${month}-${day}`),
    dayMonthUnordered: hash(`day-month:${year}:${low}-${high}`),
    placeholdersOfYear: PLACEHOLDER_MONTH_DAYS.map((monthDay) => hash(`date:${year}-${monthDay}`)),
  };
};

/**
 * The index keys, in clear. A pair the score accepts has a similar birth date, and every similar
 * date (equal, day and month swapped, a placeholder of the same year) keeps the year, so every key
 * is scoped to the year. Within it:
 * - `near` keys pair each neighbour or part of one name field with the phonetic code of the other
 *   field. A pair with one field equal or spelled differently (same phonetic code) and the other
 *   field equal, spelled differently, one typo off or missing a part shares one of them, whichever
 *   field is the given name (swapped names meet). Two independent errors in both names are missed.
 * - the `all` key catches parts moved between the fields (Yonas Tesfay | Gebremedhin and
 *   Yonas | Tesfay Gebremedhin).
 * Name and year together keep buckets small: at 100,000 people a lookup meets a handful of
 * registrations, a hundred or two for the commonest names, never all.
 */
export const lookupKeyTexts = (given: NameForms, family: NameForms, year: string): string[] => {
  const texts = new Set<string>();
  for (const [field, other] of [
    [given, family],
    [family, given],
  ]) {
    if (field.whole === '' || other.whole === '') continue;
    for (const form of [...field.neighbours, ...field.parts]) texts.add(`near|${year}|${form}|${other.phonetic}`);
  }
  const allParts = [...given.parts, ...family.parts].sort().join(' ');
  if (allParts) texts.add(`all|${year}|${allParts}`);
  return [...texts];
};

/** The matching keys of one registration; throws `invalid_birth_date` for anything but a calendar date. */
export const matchingKeys = (registration: Registration, hash: KeyHash): MatchingKeys => {
  const date = birthDateParts(registration.birthDate);
  const given = nameForms(registration.givenName);
  const family = nameForms(registration.familyName);
  const allParts = [...given.parts, ...family.parts].sort().join(' ');
  return {
    givenName: nameKeys(given, hash),
    familyName: nameKeys(family, hash),
    allParts: allParts ? hash(`all:${allParts}`) : null,
    birthDate: birthDateKeys(date, hash),
    lookup: lookupKeyTexts(given, family, date.year).map(hash),
  };
};

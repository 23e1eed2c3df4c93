/**
 * Kölner Phonetik (Hans Joachim Postel, 1969): a phonetic code for German-spoken names. Unlike
 * Soundex it knows German spelling (sch, ch, z, ph), which is how German offices write foreign names.
 *
 * Steps, as defined: code each letter from the table and its neighbours, collapse runs of the same
 * digit, then drop every '0' except a leading one. `koelnerPhonetikDigits` stops after the first
 * step; the definition's worked example ("Müller-Lüdenscheidt" → 60550750206880022 → 65752682)
 * shows both stages.
 */

const PLAIN_CODES: Record<string, string> = {
  A: '0',
  E: '0',
  I: '0',
  J: '0',
  O: '0',
  U: '0',
  Y: '0',
  H: '',
  B: '1',
  F: '3',
  V: '3',
  W: '3',
  G: '4',
  K: '4',
  Q: '4',
  L: '5',
  M: '6',
  N: '6',
  R: '7',
  S: '8',
  Z: '8',
};

/** Umlauts are vowels and ß is an S to the algorithm; anything that is not a letter separates nothing. */
const lettersOf = (word: string): string =>
  word
    .normalize('NFC')
    .toUpperCase()
    .replace(/[ÄÖÜ]/g, (umlaut) => ({ Ä: 'A', Ö: 'O', Ü: 'U' })[umlaut] as string)
    .replace(/ß|ẞ/g, 'S')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Z]/g, '');

const codeOfC = (previous: string | undefined, next: string | undefined): string => {
  if (previous === undefined) return next !== undefined && 'AHKLOQRUX'.includes(next) ? '4' : '8';
  if ('SZ'.includes(previous)) return '8';
  return next !== undefined && 'AHKOQUX'.includes(next) ? '4' : '8';
};

const codeOf = (letter: string, previous: string | undefined, next: string | undefined): string => {
  switch (letter) {
    case 'P':
      return next === 'H' ? '3' : '1';
    case 'D':
    case 'T':
      return next !== undefined && 'CSZ'.includes(next) ? '8' : '2';
    case 'C':
      return codeOfC(previous, next);
    case 'X':
      return previous !== undefined && 'CKQ'.includes(previous) ? '8' : '48';
    default:
      return PLAIN_CODES[letter] ?? '';
  }
};

/** Step 1 only: the code of every letter in context, before collapsing and dropping zeros. */
export const koelnerPhonetikDigits = (word: string): string => {
  const letters = lettersOf(word);
  let digits = '';
  for (let i = 0; i < letters.length; i++) digits += codeOf(letters[i], letters[i - 1], letters[i + 1]);
  return digits;
};

/** The phonetic code: "Meier", "Mayr" and "Maier" all give "67". */
export const koelnerPhonetik = (word: string): string => {
  const collapsed = koelnerPhonetikDigits(word).replace(/(\d)\1+/g, '$1');
  return collapsed.charAt(0) + collapsed.slice(1).replace(/0/g, '');
};

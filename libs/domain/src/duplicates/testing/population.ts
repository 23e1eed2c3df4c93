/**
 * Test only. A deterministic synthetic population for measuring the duplicate matcher: people of
 * the origins Lotse serves, each registered once or twice by different bodies with the variations
 * real registrations show, plus people built to be confused with others (near misses) that must
 * not match. The same seed gives the same population, so a measured precision is reproducible.
 *
 * Ground truth is the person: two registrations are a true pair exactly when they belong to one.
 * People that no data could tell apart (same names and birth dates that a placeholder or a
 * day/month swap would explain) are not generated: no matcher can separate them, and the
 * registration form asks nothing else.
 */
import { Registration } from '../matching-keys';
import { CatalogueName, Origin, ORIGINS, parseName } from './name-catalogue';

/** A small seeded PRNG (mulberry32): deterministic, and enough for picking names. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

interface Dice {
  readonly chance: (probability: number) => boolean;
  readonly int: (below: number) => number;
  readonly pick: <T>(items: readonly T[]) => T;
  /** Earlier items are more frequent (weight 1/rank), as with real first names. */
  readonly pickCommon: <T>(items: readonly T[]) => T;
  readonly pickWeighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T;
}

const diceOf = (random: () => number): Dice => {
  const pickWeighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    let roll = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[items.length - 1][0];
  };
  return {
    chance: (probability) => random() < probability,
    int: (below) => Math.floor(random() * below),
    pick: (items) => items[Math.floor(random() * items.length)],
    pickCommon: (items) => pickWeighted(items.map((item, rank) => [item, 1 / (rank + 1)] as const)),
    pickWeighted,
  };
};

export type PersonKind = 'ordinary' | 'same_birthday' | 'sibling' | 'twin' | 'namesake';

export interface Person {
  readonly personId: string;
  readonly kind: PersonKind;
  readonly origin: string;
  readonly given: readonly CatalogueName[];
  readonly family: readonly CatalogueName[];
  readonly birthDate: string;
}

export type Variation =
  | 'transliteration'
  | 'typo'
  | 'swapped_names'
  | 'placeholder_birth_date'
  | 'hyphen_or_space'
  | 'umlaut_spelling'
  | 'day_month_swapped'
  | 'part_dropped'
  | 'parts_regrouped';

export interface GeneratedRegistration extends Registration {
  readonly registrationId: string;
  readonly personId: string;
  /** What the second body did differently; empty for a first registration. */
  readonly variations: readonly Variation[];
}

export interface Population {
  readonly people: readonly Person[];
  readonly registrations: readonly GeneratedRegistration[];
}

export interface PopulationOptions {
  readonly seed: number;
  /** Ordinary people; near misses come on top (about 30 %). */
  readonly people: number;
  /** Chance that a person is registered a second time, by another body. */
  readonly registeredTwice?: number;
}

// ---------------------------------------------------------------------------------------------
// Birth dates

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, '0');

const randomBirthDate = (dice: Dice, origin: Origin, year = 1998 + dice.int(11)): string => {
  if (origin.placeholderBirthDates && dice.chance(0.12)) return `${year}-01-01`;
  const month = 1 + dice.int(12);
  return `${year}-${pad(month)}-${pad(1 + dice.int(DAYS_IN_MONTH[month - 1]))}`;
};

const swapDayMonth = (date: string): string => `${date.slice(0, 4)}-${date.slice(8, 10)}-${date.slice(5, 7)}`;

/** Dates that a placeholder or a swap could explain: two such people are indistinguishable. */
const compatibleDates = (a: string, b: string): boolean =>
  a === b || swapDayMonth(a) === b || (a.slice(0, 4) === b.slice(0, 4) && (a.endsWith('-01-01') || b.endsWith('-01-01')));

// ---------------------------------------------------------------------------------------------
// People

const catalogue = new Map(
  ORIGINS.map((origin) => [
    origin.key,
    {
      origin,
      male: origin.male.map(parseName),
      female: origin.female.map(parseName),
      family: origin.family.map(parseName),
    },
  ]),
);

const namesOf = (origin: Origin) => catalogue.get(origin.key) as NonNullable<ReturnType<typeof catalogue.get>>;

const pickGiven = (dice: Dice, origin: Origin, avoid: ReadonlySet<string> = new Set()): CatalogueName[] => {
  const list = dice.chance(0.5) ? namesOf(origin).male : namesOf(origin).female;
  const choices = list.filter((name) => !avoid.has(name.id));
  const first = dice.pickCommon(choices);
  if (!dice.chance(origin.secondGivenName)) return [first];
  return [first, dice.pickCommon(choices.filter((name) => name.id !== first.id))];
};

const pickFamily = (dice: Dice, origin: Origin): CatalogueName[] => {
  const first = dice.pickCommon(namesOf(origin).family);
  if (!dice.chance(origin.secondFamilyName)) return [first];
  return [first, dice.pickCommon(namesOf(origin).family.filter((name) => name.id !== first.id))];
};

const pickOrigin = (dice: Dice): Origin => dice.pickWeighted(ORIGINS.map((origin) => [origin, origin.share] as const));

type Draft = Omit<Person, 'personId'>;

/** Al-Hassan and Hassan are one name to any reader, so the article does not tell people apart either. */
const nameKey = (person: Omit<Draft, 'kind'>) =>
  [...person.given, ...person.family]
    .map((name) => name.id.replace(/^(?:al|el)[- ]/, ''))
    .sort()
    .join(' ');

/** The people so far, by their names regardless of field, to refuse indistinguishable ones. */
const makeRegister = () => {
  const people: Person[] = [];
  const byNames = new Map<string, Person[]>();
  const distinguishable = (draft: Draft) =>
    !(byNames.get(nameKey(draft)) ?? []).some((other) => compatibleDates(other.birthDate, draft.birthDate));
  const admit = (draft: Draft): void => {
    const person = { ...draft, personId: `p-${people.length}` };
    people.push(person);
    byNames.set(nameKey(draft), [...(byNames.get(nameKey(draft)) ?? []), person]);
  };
  /** Admits a group (twins, namesakes) whole or not at all: half of one would not be the near miss it stands for. */
  const admitAll = (drafts: readonly Draft[]): boolean => {
    if (!drafts.every(distinguishable)) return false;
    drafts.forEach(admit);
    return true;
  };
  /** Whether another person of the same names was born in `year`: a 01.01. entry would make the two indistinguishable. */
  const namesakeBornIn = (person: Person, year: string) =>
    (byNames.get(nameKey(person)) ?? []).some((other) => other !== person && other.birthDate.startsWith(year));
  return { people, admitAll, namesakeBornIn };
};

const ordinaryPerson = (dice: Dice, kind: PersonKind = 'ordinary', origin = pickOrigin(dice)): Draft => ({
  kind,
  origin: origin.key,
  given: pickGiven(dice, origin),
  family: pickFamily(dice, origin),
  birthDate: randomBirthDate(dice, origin),
});

const originOf = (person: Person) => (catalogue.get(person.origin) as { origin: Origin }).origin;

/** Someone else born on the same day. */
const sameBirthday = (dice: Dice, other: Person): Draft => ({ ...ordinaryPerson(dice, 'same_birthday'), birthDate: other.birthDate });

/** A brother or sister: same family name, another given name, born a year or two apart. */
const sibling = (dice: Dice, other: Person): Draft => {
  const origin = originOf(other);
  const year = Number(other.birthDate.slice(0, 4)) + dice.pick([-2, -1, 1, 2]);
  return {
    kind: 'sibling',
    origin: origin.key,
    family: other.family,
    birthDate: randomBirthDate(dice, origin, year),
    given: pickGiven(dice, origin, new Set(other.given.map((name) => name.id))),
  };
};

/** Twins: same family name, same birthday, other given names, sometimes the pair a culture gives twins. */
const twins = (dice: Dice): [Draft, Draft] => {
  const first = ordinaryPerson(dice, 'twin');
  const origin = (catalogue.get(first.origin) as { origin: Origin }).origin;
  const all = [...namesOf(origin).male, ...namesOf(origin).female];
  const pair = origin.twinNames && dice.chance(0.4) ? dice.pick(origin.twinNames) : undefined;
  const named = (spelling: string) => all.find((name) => name.spellings.includes(spelling)) as CatalogueName;
  if (pair)
    return [
      { ...first, given: [named(pair[0])] },
      { ...first, given: [named(pair[1])] },
    ];
  return [first, { ...first, given: pickGiven(dice, origin, new Set(first.given.map((name) => name.id))) }];
};

/** Two people with the most common names of their origin (Mohammad Ahmadi), born on other days. */
const namesakes = (dice: Dice): [Draft, Draft] => {
  const origin = pickOrigin(dice);
  const names = namesOf(origin);
  const first: Draft = {
    kind: 'namesake',
    origin: origin.key,
    birthDate: randomBirthDate(dice, origin),
    given: [dice.pick(names.male.slice(0, 3))],
    family: [dice.pick(names.family.slice(0, 3))],
  };
  let birthDate = randomBirthDate(dice, origin);
  while (compatibleDates(birthDate, first.birthDate)) birthDate = randomBirthDate(dice, origin);
  return [first, { ...first, birthDate }];
};

// ---------------------------------------------------------------------------------------------
// Registrations and what a second body does differently

interface Slot {
  readonly name: CatalogueName;
  spelling: string;
}
interface Entry {
  given: Slot[];
  family: Slot[];
  givenSeparator: string;
  birthDate: string;
  swapped: boolean;
}

/** The first office writes the most frequent spelling about half of the time. */
const pickSpelling = (dice: Dice, name: CatalogueName): string =>
  name.spellings.length === 1 || dice.chance(0.55) ? name.spellings[0] : dice.pick(name.spellings.slice(1));

const firstEntry = (dice: Dice, person: Person): Entry => ({
  given: person.given.map((name) => ({ name, spelling: pickSpelling(dice, name) })),
  family: person.family.map((name) => ({ name, spelling: pickSpelling(dice, name) })),
  givenSeparator: person.origin === 'german' ? '-' : ' ',
  birthDate: person.birthDate,
  swapped: false,
});

const render = (entry: Entry): Registration => {
  const given = entry.given.map((slot) => slot.spelling).join(entry.givenSeparator);
  const family = entry.family.map((slot) => slot.spelling).join(' ');
  return entry.swapped
    ? { givenName: family, familyName: given, birthDate: entry.birthDate }
    : { givenName: given, familyName: family, birthDate: entry.birthDate };
};

/** Keys next to each other on a German (QWERTZ) keyboard. */
const NEIGHBOUR_KEYS: Readonly<Record<string, string>> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'rzg',
  z: 'tuh',
  u: 'zij',
  i: 'uok',
  o: 'ipl',
  p: 'o',
  a: 'qsy',
  s: 'adw',
  d: 'sfe',
  f: 'dgr',
  g: 'fht',
  h: 'gjz',
  j: 'hku',
  k: 'jli',
  l: 'ko',
  y: 'xa',
  x: 'yc',
  c: 'xv',
  v: 'cb',
  b: 'vn',
  n: 'bm',
  m: 'n',
};

const typo = (dice: Dice, word: string): string => {
  const at = 1 + dice.int(word.length - 1);
  const letter = word[at];
  switch (dice.pick(['neighbour_key', 'dropped', 'doubled', 'swapped'] as const)) {
    case 'neighbour_key': {
      const neighbours = NEIGHBOUR_KEYS[letter.toLowerCase()] ?? letter;
      return word.slice(0, at) + dice.pick([...neighbours]) + word.slice(at + 1);
    }
    case 'dropped':
      return word.slice(0, at) + word.slice(at + 1);
    case 'doubled':
      return word.slice(0, at) + letter + word.slice(at);
    case 'swapped':
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + letter + word.slice(at + 2)
        : word.slice(0, at - 1) + letter + word[at - 1];
  }
};

const WRITTEN_OUT: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };
const DOTS_DROPPED: Readonly<Record<string, string>> = {
  ä: 'a',
  ö: 'o',
  ü: 'u',
  ß: 'ss',
  Ä: 'A',
  Ö: 'O',
  Ü: 'U',
  ş: 's',
  Ş: 'S',
  ç: 'c',
  Ç: 'C',
  ğ: 'g',
  ı: 'i',
  İ: 'I',
};

const slotsOf = (entry: Entry) => [...entry.given, ...entry.family];

interface Context {
  readonly person: Person;
  /** Only refugees get the 01.01. placeholder, and not where it would make a namesake indistinguishable. */
  readonly mayGetPlaceholder: boolean;
}

/** Each variation changes the entry and says whether it applied. */
const VARIATIONS: Readonly<Record<Variation, (dice: Dice, entry: Entry, context: Context) => boolean>> = {
  transliteration: (dice, entry) => {
    const slots = slotsOf(entry).filter((slot) => slot.name.spellings.some((spelling) => spelling !== slot.spelling));
    if (slots.length === 0) return false;
    const slot = dice.pick(slots);
    slot.spelling = dice.pick(slot.name.spellings.filter((spelling) => spelling !== slot.spelling));
    return true;
  },
  typo: (dice, entry) => {
    const slots = slotsOf(entry).filter((slot) => slot.spelling.length >= 4);
    if (slots.length === 0) return false;
    const slot = dice.pick(slots);
    slot.spelling = typo(dice, slot.spelling);
    return true;
  },
  swapped_names: (_, entry) => {
    entry.swapped = !entry.swapped;
    return true;
  },
  placeholder_birth_date: (_, entry, { mayGetPlaceholder }) => {
    if (entry.birthDate.endsWith('-01-01') || !mayGetPlaceholder) return false;
    entry.birthDate = `${entry.birthDate.slice(0, 4)}-01-01`;
    return true;
  },
  day_month_swapped: (_, entry) => {
    const [month, day] = [Number(entry.birthDate.slice(5, 7)), Number(entry.birthDate.slice(8, 10))];
    if (day > 12 || day === month) return false;
    entry.birthDate = swapDayMonth(entry.birthDate);
    return true;
  },
  umlaut_spelling: (dice, entry) => {
    const slots = slotsOf(entry).filter((slot) => /[äöüßÄÖÜşŞçÇğıİ]/.test(slot.spelling));
    if (slots.length === 0) return false;
    const slot = dice.pick(slots);
    const table = /[äöüÄÖÜß]/.test(slot.spelling) && dice.chance(0.5) ? WRITTEN_OUT : DOTS_DROPPED;
    slot.spelling = slot.spelling.replace(/[äöüßÄÖÜşŞçÇğıİ]/g, (letter) => table[letter] ?? letter);
    return true;
  },
  hyphen_or_space: (dice, entry) => {
    if (entry.given.length > 1) {
      entry.givenSeparator = entry.givenSeparator === '-' ? ' ' : '-';
      return true;
    }
    const slots = slotsOf(entry).filter((slot) => /[- ]/.test(slot.spelling));
    if (slots.length === 0) return false;
    const slot = dice.pick(slots);
    slot.spelling = slot.spelling.replace(/[- ]/g, (separator) => dice.pick(separator === '-' ? [' ', ''] : ['-', '']));
    return true;
  },
  part_dropped: (_, entry) => {
    if (entry.given.length > 1) entry.given = entry.given.slice(0, 1);
    else if (entry.family.length > 1) entry.family = entry.family.slice(0, 1);
    else return false;
    return true;
  },
  parts_regrouped: (_, entry) => {
    if (entry.family.length > 1) [entry.given, entry.family] = [[...entry.given, entry.family[0]], entry.family.slice(1)];
    else if (entry.given.length > 1) [entry.given, entry.family] = [entry.given.slice(0, 1), [...entry.given.slice(1), ...entry.family]];
    else return false;
    return true;
  },
};

/** How often a second body's entry differs in each way, before falling back when a way does not apply. */
const VARIATION_WEIGHTS: ReadonlyArray<readonly [Variation, number]> = [
  ['transliteration', 30],
  ['typo', 20],
  ['swapped_names', 12],
  ['placeholder_birth_date', 12],
  ['hyphen_or_space', 8],
  ['umlaut_spelling', 8],
  ['day_month_swapped', 4],
  ['part_dropped', 3],
  ['parts_regrouped', 3],
];

const secondEntry = (dice: Dice, first: Entry, context: Context): { entry: Entry; variations: Variation[] } => {
  const entry: Entry = { ...first, given: first.given.map((slot) => ({ ...slot })), family: first.family.map((slot) => ({ ...slot })) };
  const wanted = dice.pickWeighted([
    [0, 5],
    [1, 60],
    [2, 35],
  ] as const);
  const variations: Variation[] = [];
  for (let attempt = 0; variations.length < wanted && attempt < 20; attempt++) {
    const variation = dice.pickWeighted(VARIATION_WEIGHTS.filter(([kind]) => !variations.includes(kind)));
    if (VARIATIONS[variation](dice, entry, context)) variations.push(variation);
  }
  return { entry, variations };
};

// ---------------------------------------------------------------------------------------------

export const generatePopulation = ({ seed, people: count, registeredTwice = 0.45 }: PopulationOptions): Population => {
  const dice = diceOf(seededRandom(seed));
  const register = makeRegister();
  const admitUntilDone = (make: () => Draft[]) => {
    for (let attempt = 0; attempt < 50 && !register.admitAll(make()); attempt++);
  };

  while (register.people.length < count) admitUntilDone(() => [ordinaryPerson(dice)]);
  const ordinary = [...register.people];
  const nearMisses = Math.round(count * 0.08);
  for (let i = 0; i < nearMisses; i++) admitUntilDone(() => [sameBirthday(dice, dice.pick(ordinary))]);
  for (let i = 0; i < nearMisses; i++) admitUntilDone(() => [sibling(dice, dice.pick(ordinary))]);
  for (let i = 0; i < Math.round(count * 0.03); i++) admitUntilDone(() => twins(dice));
  for (let i = 0; i < Math.round(count * 0.05); i++) admitUntilDone(() => namesakes(dice));

  const registrations: GeneratedRegistration[] = [];
  const add = (person: Person, entry: Entry, variations: Variation[]) =>
    registrations.push({ ...render(entry), registrationId: `r-${registrations.length}`, personId: person.personId, variations });
  for (const person of register.people) {
    const first = firstEntry(dice, person);
    add(person, first, []);
    if (dice.chance(registeredTwice)) {
      const mayGetPlaceholder = originOf(person).placeholderBirthDates && !register.namesakeBornIn(person, person.birthDate.slice(0, 4));
      const { entry, variations } = secondEntry(dice, first, { person, mayGetPlaceholder });
      add(person, entry, variations);
    }
  }
  return { people: register.people, registrations };
};

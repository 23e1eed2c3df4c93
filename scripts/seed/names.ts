import { Random } from './random';

/*
 * Made-up names of the county's young people: common given and family names of the groups the
 * programme serves, never real people's records. Variants are the spellings two offices write for
 * one person, so some registrations land in GET /duplicates as they would in a real county.
 */
const GIVEN = [
  'Amira',
  'Mohammad',
  'Ahmad',
  'Fatima',
  'Yusuf',
  'Leyla',
  'Omar',
  'Aylin',
  'Hassan',
  'Mariam',
  'Ali',
  'Noor',
  'Samir',
  'Zainab',
  'Karim',
  'Dilan',
  'Elias',
  'Hana',
  'Bilal',
  'Rania',
  'Tarek',
  'Selin',
  'Jonas',
  'Lea',
  'Lukas',
  'Anna',
  'Mehmet',
  'Emine',
  'Dawit',
  'Sara',
  'Abdi',
  'Hamza',
  'Ayan',
  'Milan',
  'Ivana',
  'Artem',
  'Olena',
  'Daria',
  'Nikola',
  'Ewa',
];
const FAMILY = [
  'Haddad',
  'Al-Hassan',
  'Rahimi',
  'Yilmaz',
  'Demir',
  'Kaya',
  'Nasser',
  'Ibrahim',
  'Mahmoud',
  'Osman',
  'Hussein',
  'Abdullah',
  'Karimi',
  'Ahmadi',
  'Tesfaye',
  'Mohamed',
  'Schmidt',
  'Müller',
  'Becker',
  'Wagner',
  'Nowak',
  'Kowalski',
  'Petrenko',
  'Shevchenko',
  'Popescu',
  'Ionescu',
  'Hadžić',
  'Berisha',
  'Krasniqi',
  'Jovanović',
];

/** Spellings of one name that transliterations or typing produce. */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  Mohammad: ['Muhammed', 'Mohamed', 'Mohammed'],
  Ahmad: ['Ahmed', 'Achmed'],
  Yusuf: ['Youssef', 'Jusuf'],
  Omar: ['Umar'],
  Hassan: ['Hasan'],
  Mariam: ['Maryam', 'Miriam'],
  'Al-Hassan': ['Alhassan', 'El-Hassan', 'Hassan'],
  Müller: ['Mueller', 'Muller'],
  Rahimi: ['Rahimy'],
  Hussein: ['Husain', 'Hussain'],
};

export interface PersonName {
  givenName: string;
  familyName: string;
}

export const randomName = (random: Random): PersonName => ({ givenName: random.pick(GIVEN), familyName: random.pick(FAMILY) });

/** The same person as another office would write them: a known variant, a dropped letter, or the names swapped. */
export const variantOf = (name: PersonName, random: Random): PersonName => {
  const given = VARIANTS[name.givenName];
  const family = VARIANTS[name.familyName];
  if (given && random.chance(0.6)) return { ...name, givenName: random.pick(given) };
  if (family && random.chance(0.6)) return { ...name, familyName: random.pick(family) };
  if (random.chance(0.3)) return { givenName: name.familyName, familyName: name.givenName };
  const at = random.int(1, name.familyName.length - 2);
  return { ...name, familyName: name.familyName.slice(0, at) + name.familyName.slice(at + 1) };
};

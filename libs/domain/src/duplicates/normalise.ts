/**
 * Names as the duplicate matcher compares them. A young person reaches the job centre and the
 * district with a name written from Arabic, Dari, Tigrinya, Somali or Cyrillic papers, each time by
 * another hand: Mohammed Al-Hassan at one desk, Muhammad Alhassan at the other, Dschamal here and
 * Jamal there. The canonical form folds such spellings together. It exists for comparison only and
 * is never shown or stored in clear.
 *
 * Four steps: fold letters to a–z (German style), split into name parts (dropping a separate
 * article), apply the spelling rules to each part, then look the part up in the table of known
 * variants of one name, or drop an article glued to it.
 */

/** German offices write ä, ö, ü, ß out; an ID card from elsewhere may carry them or drop them. */
const GERMAN_LETTERS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/** Letters that Unicode decomposition leaves whole (Turkish dotless ı, Scandinavian ø, Polish ł …). */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ł: 'l', ð: 'd', þ: 'th' };

/**
 * Step 1: lower case, umlauts and ß written out, other diacritics stripped, apostrophes and the
 * marks for ʿayn and hamza dropped (Ma'moun and Mamoun are one name), anything else a separator.
 */
export const foldLetters = (raw: string): string =>
  raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüßẞ]/g, (letter) => GERMAN_LETTERS[letter])
    .replace(/[ıøæœđłðþ]/g, (letter) => UNDECOMPOSABLE_LETTERS[letter])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘ʼʻʿʾ`´]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();

/**
 * The Arabic article when written apart (al-, el-), its assimilated forms before sun letters
 * (ad-, ar-, as-, ash-, at-, az-, ed-) and the ul/ud of Persian and Pashto compounds (Zia-ul-Haq).
 * Offices keep or drop it at will, so it carries no information; only the last part is kept even
 * if it looks like one, since then it is the name itself.
 */
export const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'ud', 'ad', 'ed', 'ar', 'as', 'ash', 'at', 'az']);

/** "Servant of": written Abd al-Rahman, Abdel Rahman, Abdul-Rahman or as one word. */
const ABD_PARTS: ReadonlySet<string> = new Set(['abd', 'abdel', 'abdul', 'abdal', 'abdol', 'abdil', 'abdu']);

/** Abd, its article and the following part belong together: Abd al-Aziz is one name, Abdulaziz. */
const joinAbdCompounds = (parts: readonly string[]): string[] => {
  const joined: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (!ABD_PARTS.has(parts[i]) || i === parts.length - 1) {
      joined.push(parts[i]);
      continue;
    }
    let compound = parts[i];
    while (i + 1 < parts.length - 1 && ARTICLES.has(parts[i + 1])) compound += parts[++i];
    joined.push(compound + parts[++i]);
  }
  return joined;
};

const dropArticles = (parts: readonly string[]): string[] => parts.filter((part, i) => !(ARTICLES.has(part) && i < parts.length - 1));

/**
 * One spelling rule, applied to every name part in table order. `sameAs` lists pairs of real
 * spellings the rule exists for: each pair must end up with one canonical form, and the tests check
 * that without this rule at least one pair would not.
 */
export interface SpellingRule {
  readonly rule: string;
  readonly why: string;
  readonly from: RegExp;
  readonly to: string;
  readonly sameAs: ReadonlyArray<readonly [string, string]>;
}

/** Consonants, for rules that must not fire before a vowel. */
const C = 'b-df-hj-np-tv-z';

export const SPELLING_RULES: readonly SpellingRule[] = [
  {
    rule: 'dsch, dj, dzh → j',
    why: 'German (Dsch), French (Dj) and Ukrainian-English (Dzh) ways to write the sound of Arabic ǧīm',
    from: /dsch|dzh|dj/g,
    to: 'j',
    sameAs: [
      ['Dschamal', 'Jamal'],
      ['Djamal', 'Jamal'],
      ['Dschafar', 'Jafar'],
    ],
  },
  {
    rule: 'tsch → ch',
    why: 'German writes Cyrillic ч and Turkish ç as tsch where English writes ch',
    from: /tsch/g,
    to: 'ch',
    sameAs: [
      ['Tkatschenko', 'Tkachenko'],
      ['Kravtschuk', 'Kravchuk'],
    ],
  },
  {
    rule: 'sch → sh',
    why: 'German sch is English sh (Arabic š, Cyrillic ш)',
    from: /sch/g,
    to: 'sh',
    sameAs: [
      ['Schukri', 'Shukri'],
      ['Rascha', 'Rasha'],
    ],
  },
  {
    rule: 'zh → sh',
    why: 'Cyrillic ж is zh in Ukrainian passports and sch in German transcription',
    from: /zh/g,
    to: 'sh',
    sameAs: [
      ['Zhuk', 'Schuk'],
      ['Zhanna', 'Schanna'],
    ],
  },
  {
    rule: 'ph → f',
    why: 'French and English ph for f',
    from: /ph/g,
    to: 'f',
    sameAs: [
      ['Mustapha', 'Mustafa'],
      ['Josephine', 'Josefine'],
    ],
  },
  {
    rule: 'q, ck, hard c → k',
    why: 'Arabic q is k in German hands; c is k before a, o, u and consonants (Marco, Marko), so the German ch of Arabic ḫ and Cyrillic х becomes the English kh (the English ch of ч and ç lands there too, which costs little)',
    from: /ck|q|c(?![eiy])/g,
    to: 'k',
    sameAs: [
      ['Qasim', 'Kasim'],
      ['Qaderi', 'Kaderi'],
      ['Marco', 'Marko'],
      ['Becker', 'Beker'],
      ['Chaled', 'Khaled'],
      ['Tkatschenko', 'Tkachenko'],
    ],
  },
  {
    rule: 'th, dh, gh → t, d, g',
    why: 'English marks Arabic ṯ, ḏ, ġ and Tigrinya ejectives with an h that German offices leave out',
    from: /([tdg])h/g,
    to: '$1',
    sameAs: [
      ['Ghulam', 'Gulam'],
      ['Gebremedhin', 'Gebremedin'],
      ['Thamer', 'Tamer'],
    ],
  },
  {
    rule: 'ts → z',
    why: 'Cyrillic ц is ts in English and z in German (Kravets, Krawez)',
    from: /ts/g,
    to: 'z',
    sameAs: [
      ['Kravets', 'Krawez'],
      ['Kovalets', 'Kowalez'],
    ],
  },
  {
    rule: 'w → v',
    why: 'Cyrillic в is v in English and w in German (Kovalenko, Kowalenko)',
    from: /w/g,
    to: 'v',
    sameAs: [
      ['Kowalenko', 'Kovalenko'],
      ['Schewtschenko', 'Shevchenko'],
    ],
  },
  {
    rule: 'ou, oo → u',
    why: 'French ou and English oo for a long u',
    from: /ou|oo/g,
    to: 'u',
    sameAs: [
      ['Noor', 'Nur'],
      ['Nour', 'Nur'],
      ['Moussa', 'Musa'],
    ],
  },
  {
    rule: 'ee → i',
    why: 'English ee for a long i',
    from: /ee/g,
    to: 'i',
    sameAs: [
      ['Waleed', 'Walid'],
      ['Yaseen', 'Yasin'],
      ['Saeed', 'Said'],
    ],
  },
  {
    rule: 'ei, ey before a consonant → ai',
    why: 'the Arabic and Persian diphthong ay is written ei, ey, ai or ay',
    from: new RegExp(`e[iy](?![aeiou])`, 'g'),
    to: 'ai',
    sameAs: [
      ['Hussein', 'Hussain'],
      ['Zeinab', 'Zainab'],
      ['Heydari', 'Haidari'],
      ['Sheikh', 'Shaikh'],
    ],
  },
  {
    rule: 'final -aye → -ai',
    why: 'Tigrinya and Amharic names end in -ay, -ai or -aye depending on the clerk',
    from: /aye$/,
    to: 'ai',
    sameAs: [
      ['Tesfaye', 'Tesfai'],
      ['Tsegaye', 'Tsegai'],
    ],
  },
  {
    rule: 'j, y before a consonant or at the end → i',
    why: 'a y or j that is no consonant: Mehary/Mehari, Dmytro/Dmitro, Andriy/Andrij/Andrii, Ahmadzay/Ahmadzai',
    from: /[jy](?![aeiou])/g,
    to: 'i',
    sameAs: [
      ['Mehary', 'Mehari'],
      ['Dmytro', 'Dmitro'],
      ['Bojko', 'Boiko'],
      ['Andriy', 'Andrij'],
      ['Ahmadzay', 'Ahmadzai'],
    ],
  },
  {
    rule: 'y → j',
    why: 'the consonant y is j in German (Yusuf, Jusuf; Yasmin, Jasmin)',
    from: /y/g,
    to: 'j',
    sameAs: [
      ['Yasmin', 'Jasmin'],
      ['Yonas', 'Jonas'],
      ['Yuliia', 'Juliia'],
    ],
  },
  {
    rule: 'ija → ia',
    why: 'German transcription writes Cyrillic ія and ия as ija (Julija, Yuliia, Yulia); only before a, so that Sayyid does not become Said',
    from: /ij(?=a)/g,
    to: 'i',
    sameAs: [
      ['Julija', 'Yulia'],
      ['Natalija', 'Natalia'],
      ['Marija', 'Maria'],
    ],
  },
  {
    rule: 'ae, oe, ue → a, o, u',
    why: 'the written-out umlaut (Mueller) must meet the one typed without dots (Muller)',
    from: /([aou])e/g,
    to: '$1',
    sameAs: [
      ['Müller', 'Muller'],
      ['Öztürk', 'Ozturk'],
      ['Schröder', 'Schroder'],
      ['Jürgen', 'Jurgen'],
    ],
  },
  {
    rule: 'initial e → i',
    why: 'Arabic and Persian names that start with a short i are written with e or i (Edris/Idris, Ehsan/Ihsan, Esmail/Ismail)',
    from: /^e(?=[^aeiou])/,
    to: 'i',
    sameAs: [
      ['Edris', 'Idris'],
      ['Ehsan', 'Ihsan'],
      ['Emran', 'Imran'],
    ],
  },
  {
    rule: 'initial o → u',
    why: 'and those that start with a short u with o or u (Omid/Umid, Osman/Usman, Obaidullah/Ubaidullah)',
    from: /^o(?=[^aeiou])/,
    to: 'u',
    sameAs: [
      ['Omid', 'Umid'],
      ['Obaidullah', 'Ubaidullah'],
      ['Obada', 'Ubada'],
    ],
  },
  {
    rule: 'x → ks',
    why: 'Latin x and Cyrillic кс (Olexandr, Oleksandr)',
    from: /x/g,
    to: 'ks',
    sameAs: [
      ['Olexandr', 'Oleksandr'],
      ['Alexander', 'Aleksander'],
    ],
  },
  {
    rule: '-zadeh, -zade → -zada',
    why: 'the Persian "son of" suffix is -zadeh in Iran and -zada in Afghanistan',
    from: /zad(?:eh|e|a)$/,
    to: 'zada',
    sameAs: [
      ['Ahmadzadeh', 'Ahmadzada'],
      ['Hosseinzade', 'Hosseinzadeh'],
    ],
  },
  {
    rule: 'double letters → single',
    why: 'Arabic shadda and long vowels are doubled by some and not by others',
    from: /([a-z])\1+/g,
    to: '$1',
    sameAs: [
      ['Hassan', 'Hasan'],
      ['Mohammadi', 'Mohamadi'],
      ['Lyssenko', 'Lysenko'],
    ],
  },
  {
    rule: 'abd + vowel (+ l) → abd',
    why: 'Abdel-, Abdul-, Abdal-, Abdur- and Abd al- are one prefix; after the doubled letters are gone, Abdurrahman is Abd-Rahman',
    from: new RegExp(`^abd(?:[aeiou]l(?=[${C}])|[aeiou])(?=[a-z]{2})`),
    to: 'abd',
    sameAs: [
      ['Abdel-Rahman', 'Abdulrahman'],
      ['Abd al-Aziz', 'Abdulaziz'],
      ['Abdurrahman', 'Abd ar-Rahman'],
      ['Abdullah', 'Abdallah'],
    ],
  },
];

/**
 * Known spellings of one name that the rules alone do not bring together, written as they occur.
 * The key is the form the table folds them to. Entries are folded with the spelling rules when the
 * table is built, so a variant listed here also catches its own German or English transcription.
 *
 * Turkish forms are deliberately absent: Mehmet, Ahmet, Hüseyin, Ömer, Fatma and Meryem come from
 * Latin-script Turkish papers and are copied, not transliterated, so they do not vary between
 * offices. Folding Mehmet into Muhammad, the most frequent name in this population, would add no
 * found duplicate and would make every Turkish Mehmet a candidate for every Arab Muhammad. (Ömer
 * and Umar, Fatma and Fatima are still "similar" by sound and spelling; Mehmet, Ahmet and Hüseyin
 * are too far from Muhammad, Ahmad and Husain for that, and stay different.)
 */
export const NAME_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  // Arabic names, as written in Syria, Iraq, Afghanistan, Somalia and Eritrea.
  Muhammad: ['Mohammad', 'Mohammed', 'Muhammed', 'Mohamed', 'Mohamad', 'Muhamad', 'Mouhamad', 'Maxamed'],
  Ahmad: ['Ahmed', 'Achmed', 'Achmad', 'Axmed'],
  Yusuf: ['Youssef', 'Yousef', 'Yousif', 'Yusef', 'Jusuf', 'Yousuf', 'Yussuf'],
  Husain: ['Hussein', 'Hussain', 'Husein', 'Hossein', 'Hosein', 'Xuseen'],
  Hasan: ['Hassan', 'Xasan'],
  Mahmud: ['Mahmoud', 'Mahmood', 'Mohamud', 'Maxamuud'],
  // Not Cumar (Somali for Umar): its c → k would make it Kumar, an Indian name. Omar is folded by the rules.
  Umar: ['Omar'],
  Uthman: ['Othman', 'Osman', 'Usman', 'Cusmaan'],
  Khalid: ['Khaled', 'Chaled', 'Chalid'],
  // Arabic ẓ is written z, dh, th or d.
  Kazim: ['Kazem', 'Kadhim', 'Kathim', 'Kadim'],
  Jamal: ['Gamal'],
  Mustafa: ['Mostafa', 'Moustafa', 'Mustapha'],
  Ibrahim: ['Ebrahim', 'Ibraahim'],
  Amanuel: ['Emanuel', 'Emmanuel'],
  Ismail: ['Esmail', 'Ismaeel', 'Ismael'],
  Isa: ['Issa', 'Eissa', 'Eisa'],
  Sayyid: ['Sayed', 'Sayyed', 'Seyed', 'Seyyed', 'Syed'],
  Maryam: ['Mariam', 'Mariyam', 'Marjam'],
  // Fadumo, Faduma and Fatuma are the Somali forms.
  Fatima: ['Fatema', 'Fatemeh', 'Faatima', 'Fadumo', 'Faduma', 'Fatuma'],
  Aisha: ['Ayesha', 'Aicha', 'Aischa'],
  // Somali orthography writes ʿayn as c and ḥ as x: Cabdi is Abdi, Faarax is Farah.
  Ali: ['Cali'],
  Abdi: ['Cabdi'],
  Farah: ['Faarax'],
  Jama: ['Jaamac'],
  Abdullah: ['Abdallah', 'Abdulla', 'Abdalla'],
  // Ukrainian names meet their Russian forms in older papers.
  Serhii: ['Sergii', 'Sergiy', 'Serhiy', 'Serhij', 'Sergej', 'Sergey'],
  Oleksandr: ['Aleksandr', 'Alexandr'],
  Yevhen: ['Ievgen', 'Yevgen', 'Jewhen', 'Jewgen', 'Evgen', 'Evgeny', 'Yevgeniy'],
  Oleh: ['Oleg'],
  Olha: ['Olga'],
};

/**
 * Given names that begin like a glued article and must keep it (Albert is not Bert, Alexander is
 * not Exander). Names whose rest is short (Alina, Elena, Elias, Almaz) are safe without a listing.
 */
export const GLUED_ARTICLE_SPARED: readonly string[] = [
  'Albert',
  'Alfred',
  'Albrecht',
  'Alfons',
  'Alwin',
  'Alwine',
  'Almut',
  'Albin',
  'Albina',
  'Elmar',
  'Elmira',
  'Elvira',
  'Elbert',
  'Elfriede',
  'Elsbeth',
  'Alexander',
  'Alexandra',
  'Aleksander',
  'Aleksandra',
  'Alessandro',
  'Alessia',
  'Alejandro',
  'Elisabeth',
  'Eleonora',
  'Eleanor',
];

export interface NameNormaliser {
  /** The canonical form of each name part, in written order; empty when nothing is left. */
  readonly canonicalParts: (raw: string) => string[];
  /**
   * The parts as written, only folded to a–z (articles dropped, Abd compounds joined). A typo can
   * be amplified by the rules (Jqfari: q → k, then j before a consonant → i), so typo tolerance
   * also looks at this form.
   */
  readonly writtenParts: (raw: string) => string[];
}

const applyRules = (part: string, rules: readonly SpellingRule[]): string =>
  rules.reduce((folded, rule) => folded.replace(rule.from, rule.to), part);

const canonicalOf = (raw: string, rules: readonly SpellingRule[]): string => applyRules(foldLetters(raw), rules);

const variantLookup = (rules: readonly SpellingRule[], variants: Readonly<Record<string, readonly string[]>>) => {
  const lookup = new Map<string, string>();
  for (const [name, spellings] of Object.entries(variants)) {
    const canonical = canonicalOf(name, rules);
    for (const spelling of [name, ...spellings]) {
      const folded = canonicalOf(spelling, rules);
      // A spelling that the rules already fold into another name would silently merge two names.
      const taken = lookup.get(folded);
      if (taken !== undefined && taken !== canonical)
        throw new Error(`name table: ${spelling} folds to ${folded}, which is already ${taken}`);
      lookup.set(folded, canonical);
    }
  }
  return lookup;
};

/** A normaliser over a given rule table; the default one below is what the matcher uses. */
export const makeNameNormaliser = (
  rules: readonly SpellingRule[] = SPELLING_RULES,
  variants: Readonly<Record<string, readonly string[]>> = NAME_VARIANTS,
): NameNormaliser => {
  const lookup = variantLookup(rules, variants);
  const spared = new Set(GLUED_ARTICLE_SPARED.map(foldLetters));

  /**
   * The article glued to the name, as written: Alhassan, Elsayed, Alahmad, Alobaidi. It goes when
   * what remains is a known name (Alali, Alomar), a consonant and three more letters (Alhassan,
   * Almasri) or a vowel and four more (Alobaidi); shorter rests after a vowel are names of their
   * own (Alina, Elias).
   */
  const withoutGluedArticle = (part: string): string | undefined => {
    if (!/^(?:al|el)/.test(part) || spared.has(part)) return undefined;
    const rest = applyRules(part.slice(2), rules);
    return lookup.get(rest) ?? (new RegExp(`^(?:[${C}][a-z]{3}|[aeiou][a-z]{4})`).test(rest) ? rest : undefined);
  };

  const canonicalPart = (part: string): string => {
    const folded = applyRules(part, rules);
    return lookup.get(folded) ?? withoutGluedArticle(part) ?? folded;
  };

  const writtenParts = (raw: string): string[] => dropArticles(joinAbdCompounds(foldLetters(raw).split(' ').filter(Boolean)));

  return {
    canonicalParts: (raw) => writtenParts(raw).map(canonicalPart).filter(Boolean),
    writtenParts,
  };
};

const defaultNormaliser = makeNameNormaliser();

/** Canonical name parts: "Abd al-Rahman Al-Hassan" → ["abdrahman", "hasan"]. */
export const canonicalNameParts = defaultNormaliser.canonicalParts;

/** Name parts as written, folded to a–z: "Abd al-Rahman Al-Hassan" → ["abdalrahman", "hassan"]. */
export const writtenNameParts = defaultNormaliser.writtenParts;

/** The canonical name as one word, so that Abdel Rahman, Abdel-Rahman and Abdelrahman meet. */
export const canonicalName = (raw: string): string => canonicalNameParts(raw).join('');

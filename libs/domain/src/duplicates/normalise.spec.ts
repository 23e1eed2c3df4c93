import {
  canonicalName,
  canonicalNameParts,
  foldLetters,
  makeNameNormaliser,
  NAME_VARIANTS,
  SPELLING_RULES,
  writtenNameParts,
} from './normalise';

describe('folding letters', () => {
  it.each([
    ['lower case', 'MARIA', 'maria'],
    ['umlauts and ß written out the German way', 'Jürgen Größe Bär Öztürk', 'juergen groesse baer oeztuerk'],
    ['decomposed umlauts too', 'Mu\u0308ller', 'mueller'],
    ['other diacritics stripped', 'Çelik Şahin Doğan José Zoë', 'celik sahin dogan jose zoe'],
    ['Turkish dotless and dotted i', 'Yıldız İlhan', 'yildiz ilhan'],
    ['apostrophes and the marks for ʿayn and hamza dropped', "Ma'moun Saʿid O’Neill", 'mamoun said oneill'],
    ['hyphens, dots and runs of spaces become one space', ' Hans-Peter   St. Müller ', 'hans peter st mueller'],
  ])('%s', (_, raw, folded) => expect(foldLetters(raw)).toBe(folded));
});

describe('name parts', () => {
  it('splits at spaces and hyphens and keeps the written order', () =>
    expect(canonicalNameParts('Anna-Lena Marie')).toEqual(['ana', 'lena', 'marie']));

  it.each([
    ['Al-Hassan', 'Hassan'],
    ['Al Hassan', 'El-Hassan'],
    ['Nasr ed-Din', 'Nasr Din'],
    ['As-Sayed', 'Sayed'],
    ['Zia-ul-Haq', 'Zia Haq'],
  ])('drops the article written apart: %s = %s', (a, b) => expect(canonicalName(a)).toBe(canonicalName(b)));

  it.each([
    ['Alhassan', 'Al-Hassan'],
    ['Elsayed', 'El Sayed'],
    ['Almasri', 'Masri'],
    ['Alahmad', 'Al-Ahmad'],
    ['Alomar', 'Al Omar'],
    ['Alali', 'Al-Ali'],
    ['Alabdullah', 'Al-Abdullah'],
    ['Alobaidi', 'Al-Obaidi'],
  ])('drops the article glued to the name: %s = %s', (a, b) => expect(canonicalName(a)).toBe(canonicalName(b)));

  it.each([
    ['Albert', 'albert'],
    ['Alwin', 'alvin'],
    ['Alexander', 'aleksander'],
    ['Alina', 'alina'],
    ['Elena', 'ilena'],
    ['Elias', 'ilias'],
    ['Almaz', 'almaz'],
    ['Elisabeth', 'ilisabet'],
  ])('keeps the al- or el- that belongs to %s', (name, canonical) => expect(canonicalName(name)).toBe(canonical));

  it('keeps a last part that looks like an article, since then it is the name', () =>
    expect(canonicalNameParts('Mohammad Al')).toEqual(['muhamad', 'al']));

  it.each([
    ['Abd al-Rahman', 'Abdelrahman'],
    ['Abdul Rahman', 'Abdul-Rahman'],
    ['Abd Allah', 'Abdullah'],
  ])('joins Abd with what follows: %s = %s', (a, b) => {
    expect(canonicalNameParts(a)).toHaveLength(1);
    expect(canonicalName(a)).toBe(canonicalName(b));
  });

  it('leaves Abdi and Abdul alone when nothing follows', () => {
    expect(canonicalName('Abdi')).toBe('abdi');
    expect(canonicalName('Abdul')).toBe('abdul');
  });

  it('spells a part the same wherever it stands, so Abdel Rahman and Abdelrahman are one word', () =>
    expect(canonicalName('Abdel Rahman')).toBe(canonicalName('Abdelrahman')));

  it('keeps the written parts apart from the canonical ones, for typo tolerance', () =>
    expect(writtenNameParts('Abd al-Rahman Al-Hassan')).toEqual(['abdalrahman', 'hassan']));

  it('is empty for a name with no Latin letters', () => expect(canonicalNameParts('محمد')).toEqual([]));
});

describe.each(SPELLING_RULES.map((rule) => [rule.rule, rule] as const))('the spelling rule "%s"', (_, rule) => {
  it.each(rule.sameAs.map(([a, b]) => [a, b]))('gives %s and %s one canonical form', (a, b) =>
    expect(canonicalName(a)).toBe(canonicalName(b)),
  );

  it('is needed: without it at least one of its pairs falls apart', () => {
    const without = makeNameNormaliser(SPELLING_RULES.filter((other) => other !== rule));
    const joined = (raw: string) => without.canonicalParts(raw).join('');
    expect(rule.sameAs.some(([a, b]) => joined(a) !== joined(b))).toBe(true);
  });
});

describe.each(Object.entries(NAME_VARIANTS))('the known spellings of %s', (name, spellings) => {
  it.each(spellings.map((spelling) => [spelling]))(`fold %s into ${name}`, (spelling) =>
    expect(canonicalName(spelling)).toBe(canonicalName(name)),
  );
});

describe('names kept apart', () => {
  it.each([
    ['Turkish Mehmet (see NAME_VARIANTS)', 'Mehmet', 'Muhammad'],
    ['Turkish Ahmet', 'Ahmet', 'Ahmad'],
    ['Turkish Hüseyin', 'Hüseyin', 'Hussein'],
    ['the twins Hasan and Husain', 'Hassan', 'Hussein'],
    ['Mahmud and Muhammad, one root and two names', 'Mahmoud', 'Mohammed'],
    ['Ahmad and Hamid', 'Ahmad', 'Hamid'],
    ['Sayyid and Said (Saeed)', 'Sayyid', 'Saeed'],
    ['Albert, spared by the glued-article rule', 'Albert', 'Bert'],
    ['Alina, whose al- is no article', 'Alina', 'Ina'],
  ])('keeps %s apart', (_, a, b) => expect(canonicalName(a)).not.toBe(canonicalName(b)));
});

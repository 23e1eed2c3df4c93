/**
 * Test only. Names of the young people Lotse supports, by origin, as they are written in German
 * files. Each entry is one name with the spellings offices produce for it, most frequent first,
 * written `id=Spelling|Spelling` when the id is not simply the first spelling. The same id across
 * origins is the same name (an Afghan and a Syrian Mohammad), which the generator needs to know
 * which two people no data could tell apart.
 *
 * The spellings were written from how these names appear in practice (passports, BAMF files,
 * German transcription), not from the matcher's rules; where the rules miss one, the evaluation
 * shows it.
 */

export interface Origin {
  readonly key: string;
  /** Share of the population. */
  readonly share: number;
  /** Many refugees carry a 01.01. birth date because only the year was known. */
  readonly placeholderBirthDates: boolean;
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly family: readonly string[];
  /** Chance of a second given name (Mohammad Reza, Anna-Lena). */
  readonly secondGivenName: number;
  /** Chance that the family name holds father's and grandfather's names (Tigrinya, Somali naming). */
  readonly secondFamilyName: number;
  /** Twins' names given together in this culture (Hasan and Husain). */
  readonly twinNames?: ReadonlyArray<readonly [string, string]>;
}

const SYRIAN: Origin = {
  key: 'syrian', share: 0.22, placeholderBirthDates: true, secondGivenName: 0.05, secondFamilyName: 0,
  male: [
    'muhammad=Mohammad|Mohammed|Muhammad|Mohamad|Mohamed|Mouhamad', 'ahmad=Ahmad|Ahmed|Achmed', 'Ali', 'Omar|Umar',
    'Khaled|Khalid|Chaled|Chalid', 'Mahmoud|Mahmud|Mahmood', 'yusuf=Yousef|Youssef|Yusuf|Jusuf', 'Hussein|Husain|Hussain|Husein',
    'Hassan|Hasan', 'Abdulrahman|Abdel Rahman|Abd al-Rahman|Abdelrahman|Abdurrahman', 'Mustafa|Mostafa|Moustafa',
    'Ibrahim|Ebrahim', 'Jamal|Dschamal|Djamal', 'Walid|Waleed', 'Karim|Kareem', 'Samer', 'Samir|Sameer',
    'Tarek|Tarik|Tareq|Tariq', 'Bashar|Baschar', 'Amer', 'Rami', 'Fadi', 'Anas', 'Hamza|Hamsa', 'Yasin|Yassin|Yaseen',
    'Mazen|Mazin', 'Ammar|Amar', 'Obada|Ubada|Obadah', 'Qasim|Kasim|Kassem|Qassem', 'Zaid|Zayd|Zeid', 'Majd', 'Khalil|Chalil',
  ],
  female: [
    'Fatima|Fatema', 'Aisha|Aischa|Ayesha', 'Maryam|Mariam|Marjam', 'Zainab|Zeinab|Zaynab', 'Nour|Noor|Nur', 'Rasha|Rascha',
    'Hala', 'Lina', 'Rana', 'Yasmin|Jasmin|Yasmine', 'Sara|Sarah', 'Huda|Houda|Hoda', 'Reem|Rim', 'Dima',
    'Layla|Leila|Laila|Leyla', 'Amal', 'Heba|Hiba', 'Ghada', 'Raghad', 'Bushra|Buschra', 'Rahaf', 'Aya|Aja',
  ],
  family: [
    'Al-Hassan|Alhassan|Al Hassan|El-Hassan', 'Al-Ahmad|Alahmad|Al Ahmad', 'Al-Ali|Alali|Al Ali', 'Al-Omar|Alomar|Al Omar',
    'Al-Khatib|Alkhatib|Al-Chatib', 'Al-Masri|Almasri|El-Masri', 'Haddad|Hadad', 'Darwish|Darwisch|Derwisch', 'Hamdan',
    'ibrahim=Ibrahim|Ebrahim', 'Khalil|Chalil', 'Mansour|Mansur', 'Nasser|Naser', 'Saleh|Salih', 'Sheikh|Scheich|Shaikh',
    'Suleiman|Sulaiman|Sleiman', 'uthman=Othman|Osman|Uthman', 'yusuf=Youssef|Yousef|Yusuf', 'Hamoud|Hammoud|Hamud', 'Kurdi',
    'Shami|Schami|Al-Shami', 'Jaber|Dschaber|Jabir', 'Habib|Habeeb', 'Abdullah|Abdallah', 'Issa|Eissa',
    'Rahal|Rahhal', 'hussein=Hussein|Al-Hussein|Husein', 'Kanaan|Kanan', 'Sabbagh|Sabagh', 'Halabi|Al-Halabi',
  ],
  twinNames: [['Hassan', 'Hussein'], ['Mohammad', 'Ahmad'], ['Omar', 'Ali']],
};

const IRAQI: Origin = {
  key: 'iraqi', share: 0.1, placeholderBirthDates: true, secondGivenName: 0.03, secondFamilyName: 0,
  male: [
    'ali=Ali', 'hussein=Hussein|Husain|Hussain', 'hassan=Hassan|Hasan', 'Abbas|Abas', 'Haidar|Haider|Hayder|Heidar',
    'muhammad=Mohammed|Mohammad|Muhammad|Mohamed', 'Mustafa|Mostafa', 'ahmad=Ahmed|Ahmad', 'omar=Omar',
    'Karrar|Karar', 'Murtada|Mortada|Murtadha', 'Sajjad|Sajad', 'Saif|Sayf|Seif', 'Khider|Khidir|Chider', 'Dakhil|Dachil',
    'Dilshad|Dilschad', 'Rebwar', 'Shwan|Schwan', 'Karwan', 'Ammar|Amar', 'Zaid|Zayd',
  ],
  female: [
    'Zahraa|Zahra', 'nour=Noor|Nour|Nur', 'fatima=Fatima|Fatema', 'zainab=Zainab|Zeinab', 'maryam=Maryam|Mariam',
    'Ruqaya|Ruqayya|Rukaya|Roqaya', 'sara=Sara|Sarah', 'Ban', 'Shaima|Schaima|Shaymaa', 'Narin|Nareen', 'Jiyan|Jian',
    'Hawraa|Hawra', 'Tabarak', 'Duaa|Doaa|Dua',
  ],
  family: [
    'Al-Jubouri|Aljubouri|Al-Juburi|Al Jubouri', 'Al-Saadi|Alsaadi|Al-Sadi', 'Al-Obaidi|Alobaidi|Al-Ubaidi',
    'Al-Tamimi|Altamimi|Al-Tamimy', 'Al-Dulaimi|Aldulaimi|Al-Dulaymi', 'Kadhim|Kazem|Kazim', 'Jasim|Jassim|Jasem',
    'abbas=Abbas|Abas', 'Hamid|Hamed', 'Khalaf|Chalaf', 'qasim=Qasim|Kasim|Qassim', 'saleh=Saleh|Salih', 'Murad|Mourad|Morad',
    'Haji|Hadschi|Hajji', 'Rasho|Rascho', 'Khudhur|Khudur', 'Al-Rubaie|Alrubaie|Al-Rubaiy', 'Hussein|Husain',
    'Al-Zubaidi|Alzubaidi|Al-Zubaydi', 'Al-Musawi|Almusawi|Al-Mousawi',
  ],
  twinNames: [['Hassan', 'Hussein'], ['Ali', 'Abbas']],
};

const AFGHAN: Origin = {
  key: 'afghan', share: 0.18, placeholderBirthDates: true, secondGivenName: 0.15, secondFamilyName: 0,
  male: [
    'muhammad=Mohammad|Muhammad|Mohammed', 'ahmad=Ahmad|Ahmed', 'ali=Ali', 'mustafa=Mustafa|Mostafa', 'Abdullah|Abdulla',
    'hassan=Hassan|Hasan',
    'hamid=Hamid|Hamed', 'Reza|Resa', 'Mahdi|Mehdi', 'Sayed|Sayyed|Seyed|Sayyid', 'hussein=Hussain|Hossein|Hussein|Husain',
    'Omid|Umid|Omed', 'Farid|Fareed', 'Jawad|Javad|Dschawad', 'Nasir|Naser|Nasser', 'Rahim|Raheem', 'karim=Karim|Kareem',
    'Ghulam|Gholam|Gulam', 'Sohail|Suhail|Soheil', 'Shafiq|Shafik|Schafiq', 'Wahid|Waheed', 'Zabihullah|Zabiullah|Sabihullah',
    'Rahmatullah|Rahmatulla', 'Habibullah|Habibulla', 'Naqibullah|Nakibullah', 'Ismail|Esmail', 'Yama', 'Bilal',
    'Idris|Edris', 'Mujtaba|Mojtaba|Modschtaba', 'Morteza|Murtaza|Mortaza', 'Hekmatullah|Hikmatullah', 'Jamshid|Dschamschid',
  ],
  female: [
    'fatima=Fatima|Fatema|Fatemeh', 'zahra=Zahra', 'maryam=Maryam|Mariam', 'Masooma|Masuma|Masoumeh', 'Sakina|Sakineh|Sakena',
    'Nazanin', 'Parwana|Parvana', 'Shabnam|Schabnam', 'Tamana|Tamanna', 'Mursal|Morsal', 'Roya|Roja', 'Marwa|Marva',
    'Farzana|Farsana', 'Nilofar|Nilufar', 'Mahtab', 'Hadisa|Hadiseh', 'Setara|Sitara', 'Fariba', 'zainab=Zainab|Zeinab',
    'Freshta|Fereshta|Freschta', 'Mina', 'Somaya|Sumaya|Somaia',
  ],
  family: [
    'Ahmadi|Ahmady', 'Mohammadi|Muhammadi|Mohamadi', 'Rahimi|Rahimy|Raheemi', 'Hakimi|Hakeemi|Hakimy', 'Karimi|Karimy|Kareemi',
    'Hosseini|Husseini|Hosaini|Husaini', 'Rezaei|Rezai|Rezayi|Rezaee', 'Sultani|Soltani', 'Noori|Nuri|Nouri', 'Amiri|Amiry',
    'Haidari|Heydari|Haideri|Hajdari', 'Jafari|Dschafari|Jaafari|Djafari', 'Rasuli|Rasooli|Rasouli', 'Sadat|Saadat', 'Popal',
    'Stanekzai|Stanikzai|Stanekzay', 'Ahmadzai|Ahmadzay', 'Safi|Saafi', 'Azizi', 'Nazari|Nasari', 'Sediqi|Siddiqi|Seddiqi|Sidiqi',
    'Yousufzai|Yusufzai|Yousafzai', 'Taheri|Tahiri', 'Habibi', 'Qaderi|Kaderi|Qadiri', 'Samadi', 'Akbari', 'Hashimi|Haschimi|Hashemi',
    'Ahmadzada|Ahmadzadeh', 'Mohammadzai|Mohammadzay', 'Wardak|Vardak', 'Niazi|Nijazi',
  ],
  twinNames: [['Hassan', 'Hussain'], ['Mohammad', 'Ahmad']],
};

const SOMALI: Origin = {
  key: 'somali', share: 0.07, placeholderBirthDates: true, secondGivenName: 0, secondFamilyName: 0.25,
  male: [
    'muhammad=Mohamed|Mohammed|Maxamed', 'Abdi|Cabdi', 'ahmad=Ahmed|Axmed', 'ali=Ali|Cali', 'hassan=Hassan|Xasan',
    'hussein=Hussein|Xuseen|Husein', 'Abdullahi|Abdulahi|Abdillahi', 'Abdirahman|Abdurahman|Abdirahmaan', 'yusuf=Yusuf|Yuusuf',
    'ibrahim=Ibrahim|Ibraahim', 'farah=Farah|Faarax', 'uthman=Osman|Cusmaan|Usman', 'Mahad', 'Liban', 'Abdikarim|Abdulkarim',
    'Bashir|Bashiir|Baschir', 'Abdiaziz|Abdulaziz', 'Mukhtar|Muktar|Mukhtaar',
  ],
  female: [
    'Fadumo|Faduma|Fatuma', 'Hodan', 'Amina|Aamina', 'Asha|Aasha', 'Halima|Halimo', 'Khadija|Kadija|Khadiija', 'Hawa|Hawo',
    'Sahra|Sahro', 'Ifrah|Ifra', 'Nimco|Nimo', 'Ayan|Ayaan', 'Ubah|Ubax', 'Sagal', 'Hibo',
  ],
  family: [
    'muhammad=Mohamed|Maxamed|Mohammed', 'ahmad=Ahmed|Axmed', 'ali=Ali|Cali', 'hassan=Hassan|Xasan', 'Abdi|Cabdi',
    'farah=Farah|Faarax', 'uthman=Osman|Cusmaan', 'Warsame|Warsama', 'Jama|Jaamac', 'hussein=Hussein|Xuseen',
    'ibrahim=Ibrahim', 'nour=Nur|Nuur|Noor', 'Aden|Aadan|Adan', 'yusuf=Yusuf|Yuusuf', 'Abdullahi|Abdulahi', 'Mohamud|Maxamuud',
    'Egal|Cigaal', 'Guled|Guuleed',
  ],
  twinNames: [['Hassan', 'Hussein']],
};

const ERITREAN: Origin = {
  key: 'eritrean', share: 0.08, placeholderBirthDates: true, secondGivenName: 0, secondFamilyName: 0.3,
  male: [
    'Yonas|Jonas', 'Yohannes|Johannes|Yohanes', 'tesfay=Tesfay|Tesfaye|Tesfai', 'mehari=Mehari|Mehary', 'Semere|Semre',
    'Filmon|Filimon', 'Habtom', 'Dawit|Davit', 'Berhane|Birhane', 'Ermias|Ermyas', 'Amanuel|Emanuel', 'Robel', 'Henok|Henock',
    'Aron|Aaron', 'Mussie|Musie', 'Senay|Senai|Sennay', 'Biniam|Biniyam|Binyam', 'Merhawi|Merhawie', 'Abraham|Abrham|Abreham',
    'tsegay=Tsegay|Tsegai|Tsegaye', 'Kibrom|Kbrom', 'Efrem|Ephrem',
  ],
  female: [
    'Helen|Hellen', 'Selam', 'Senait|Senayt|Sennait', 'Ruta', 'Saba', 'Yordanos|Jordanos', 'Feven|Fiven', 'Luwam|Luam',
    'Hiwet|Hiwot', 'Rahel', 'Mebrat', 'Winta', 'Hermon', 'Eden', 'Selamawit', 'Aster', 'Milena', 'Delina',
  ],
  family: [
    'tesfay=Tesfay|Tesfaye|Tesfai', 'Gebremedhin|Ghebremedhin|Gebre Medhin|Gebremedin', 'Gebremichael|Ghebremichael|Gebremikael',
    'Gebrehiwet|Ghebrehiwet|Gebrehiwot', 'Haile|Hayle', 'Tekle|Teklay', 'Kidane', 'Berhe', 'Habte|Habtay', 'mehari=Mehari|Mehary',
    'Weldu|Woldu', 'Andemariam|Andemaryam', 'Tesfamariam|Tesfamaryam|Tesfa Mariam', 'Kahsay|Kahsai', 'Ghirmay|Girmay|Ghirmai',
    'Yemane|Yemani', 'Asfaha', 'Negash|Negasch', 'Abraha|Abreha', 'Fitsum', 'tsegay=Tsegay|Tsegai', 'Okbazghi|Okbasghi',
  ],
};

const TURKISH: Origin = {
  key: 'turkish', share: 0.1, placeholderBirthDates: false, secondGivenName: 0, secondFamilyName: 0,
  male: [
    'Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin|Huseyin|Hueseyin', 'hassan=Hasan', 'ibrahim=İbrahim|Ibrahim', 'Murat', 'Emre', 'Yusuf',
    'Ömer|Omer|Oemer', 'Burak', 'Serkan', 'Can', 'Cem', 'Furkan', 'Enes', 'Kerem', 'Oğuz|Oguz', 'Yiğit|Yigit', 'Mert',
  ],
  female: [
    'Ayşe|Ayse', 'Fatma', 'Elif', 'Zeynep', 'Emine', 'Hatice', 'Merve', 'Büşra|Busra|Buesra', 'Kübra|Kubra|Kuebra', 'Esra',
    'Özlem|Ozlem|Oezlem', 'Derya', 'Gül|Gul|Guel', 'Sevgi', 'Tuğba|Tugba', 'Melek', 'Dilara',
  ],
  family: [
    'Yılmaz|Yilmaz', 'Kaya', 'Demir', 'Şahin|Sahin', 'Çelik|Celik', 'Yıldız|Yildiz', 'Yıldırım|Yildirim', 'Öztürk|Ozturk|Oeztuerk',
    'Aydın|Aydin', 'Özdemir|Ozdemir|Oezdemir', 'Arslan', 'Doğan|Dogan', 'Kılıç|Kilic', 'Aslan', 'Çetin|Cetin', 'Kara',
    'Koç|Koc', 'Kurt', 'Özkan|Ozkan|Oezkan', 'Şimşek|Simsek', 'Polat', 'Erdoğan|Erdogan', 'Güneş|Gunes|Guenes',
  ],
  twinNames: [['Hasan', 'Hüseyin']],
};

const GERMAN: Origin = {
  key: 'german', share: 0.12, placeholderBirthDates: false, secondGivenName: 0.08, secondFamilyName: 0,
  male: [
    'Lukas|Lucas', 'Leon', 'yonas=Jonas', 'Finn|Fin', 'Paul', 'Tim', 'Niklas|Nicklas|Niclas', 'Jan', 'Felix', 'Maximilian',
    'Jannik|Janik|Yannik', 'Tobias', 'Kevin', 'Dennis|Denis', 'Marcel', 'Philipp|Phillip|Philip', 'Julian', 'Moritz',
    'Jürgen|Juergen|Jurgen', 'Björn|Bjoern|Bjorn', 'Sören|Soeren|Soren', 'Marvin', 'Justin', 'Pascal', 'Florian',
  ],
  female: [
    'Anna', 'Lea|Leah', 'Lena', 'Laura', 'sara=Sarah|Sara', 'Julia', 'Lisa', 'Hannah|Hanna', 'Marie', 'Sophie|Sofie', 'Jana',
    'Michelle', 'Jessica', 'Chantal', 'Jacqueline', 'Lara', 'Mia', 'Emily', 'Vanessa', 'Celine', 'yasmin=Jasmin',
  ],
  family: [
    'Müller|Mueller|Muller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer|Meier', 'Wagner', 'Becker', 'Schulz|Schultz',
    'Hoffmann|Hofmann', 'Schäfer|Schaefer|Schafer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf|Wolff', 'Schröder|Schroeder|Schroder',
    'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger|Krueger|Kruger', 'Hartmann', 'Lange', 'Schmitz', 'Krause',
    'Weiß|Weiss', 'Groß|Gross', 'Jäger|Jaeger', 'Köhler|Koehler', 'Günther|Guenther|Gunther', 'Lehmann', 'Schmid-Weber|Schmid Weber',
  ],
};

const UKRAINIAN: Origin = {
  key: 'ukrainian', share: 0.13, placeholderBirthDates: false, secondGivenName: 0, secondFamilyName: 0,
  male: [
    'Oleksandr|Olexandr|Oleksander|Aleksandr', 'Andrii|Andriy|Andrij', 'Serhii|Serhiy|Sergii|Serhij', 'Dmytro|Dmitro',
    'Mykola|Mikola', 'Ivan|Iwan', 'Volodymyr|Wolodymyr|Volodimir', 'Maksym|Maksim|Maxim', 'Yurii|Yuriy|Jurij', 'Vasyl|Wasyl|Vasil',
    'Bohdan|Bogdan', 'Taras', 'Oleh|Oleg', 'Artem|Artjom|Artyom', 'Denys|Denis', 'Vitalii|Vitaliy|Witalij', 'Yevhen|Jewhen|Ievgen',
    'Kyrylo|Kyrillo|Kirilo', 'Danylo|Danilo', 'Roman', 'Nazar', 'Yaroslav|Jaroslaw',
  ],
  female: [
    'Olena', 'Yuliia|Yulia|Julija', 'Anastasiia|Anastasia|Anastasija', 'Kateryna|Katerina', 'Iryna|Irina', 'Oksana',
    'Nataliia|Natalia|Natalija', 'Tetiana|Tetyana|Tetjana', 'Viktoriia|Viktoria|Wiktorija', 'Daria|Dariia|Darija',
    'Sofiia|Sofia|Sofija', 'Alina', 'Khrystyna|Chrystyna|Khristina', 'Svitlana|Switlana', 'Liudmyla|Ljudmyla|Lyudmyla',
    'Mariia|Maria|Marija', 'Polina', 'Valeriia|Valeria|Walerija', 'Anna',
  ],
  family: [
    'Shevchenko|Schewtschenko|Shewchenko', 'Kovalenko|Kowalenko', 'Bondarenko', 'Tkachenko|Tkatschenko', 'Kravchenko|Krawtschenko',
    'Boiko|Boyko|Bojko', 'Kovalchuk|Kowaltschuk', 'Oliinyk|Olijnyk', 'Shevchuk|Schewtschuk', 'Polishchuk|Polischtschuk',
    'Melnyk|Melnik', 'Lysenko|Lyssenko', 'Koval|Kowal', 'Marchenko|Martschenko', 'Rudenko', 'Savchenko|Sawtschenko', 'Petrenko',
    'Moroz', 'Kravets|Krawez', 'Kuzmenko|Kusmenko', 'Pavlenko|Pawlenko', 'Zhuk|Schuk', 'Ponomarenko', 'Vasylenko|Wassylenko',
    'Hnatiuk|Hnatjuk', 'Levchenko|Lewtschenko', 'Kharchenko|Chartschenko',
  ],
};

export const ORIGINS: readonly Origin[] = [SYRIAN, AFGHAN, IRAQI, ERITREAN, SOMALI, TURKISH, GERMAN, UKRAINIAN];

/** One catalogue entry: an id (what makes two people namesakes) and its spellings, most frequent first. */
export interface CatalogueName {
  readonly id: string;
  readonly spellings: readonly string[];
}

export const parseName = (entry: string): CatalogueName => {
  const [explicitId, list] = entry.includes('=') ? entry.split('=') : [undefined, entry];
  const spellings = list.split('|');
  return { id: explicitId ?? spellings[0].toLowerCase(), spellings };
};

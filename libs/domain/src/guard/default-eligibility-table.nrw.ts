import { ResidenceStatus } from '../kernel/vocabulary';
import { AgeRange, EligibilityRule, EligibilityTable } from './eligibility-table';

/*
 * The default eligibility table for NRW municipalities.
 *
 * Where it comes from:
 * - The state rows and the subsidiarity rule follow the state initiative "Durchstarten in Ausbildung
 *   und Arbeit" / "Gemeinsam klappt's" (its building blocks are summarised in docs/domain.md, "The state programme"):
 *   coaching (building block I), language support alongside training or work and low-threshold
 *   German/maths courses (II, IV) and catching up a school certificate (III) for young adults
 *   "unabhängig von der jeweiligen Bleibeperspektive", so every residence status; participation
 *   management (Teilhabemanagement, VI) for people "im Status der Duldung oder Gestattung"; and
 *   "Zusätzliche Maßnahmen mit Landesförderung richten sich überwiegend an Personen, die keinen
 *   Anspruch auf Leistungen nach SGB II oder SGB XII haben" — hence R2 (sgb2/sgb12 cover, state
 *   is subsidiary) for the kinds I–IV, not for participation management, whose target group has
 *   no SGB II/XII entitlement anyway.
 * - The other rows are NOT in the programme's text: they are the offers a municipality usually finds
 *   in its offer analysis, each with its legal basis in `basis`, and need confirming by the alliance
 *   core group before production. Residence statuses are coarse codes, so each row says who can
 *   ever be funded there; the funding body still checks its own conditions (labour-market access,
 *   places, age) when it admits someone.
 *   - SGB II and SGB XII exclude people who receive AsylbLG benefits (§ 7 Abs. 1 S. 2 Nr. 3 SGB II,
 *     § 23 Abs. 2 SGB XII), which people with Gestattung or Duldung do (§ 1 Abs. 1 AsylbLG).
 *   - SGB III counselling and measures are open to anyone registered with the employment agency;
 *     for Gestattung/Duldung the agency checks labour-market access itself.
 *   - SGB VIII serves young people up to 27 (§ 7 Abs. 1 Nr. 4) with lawful or tolerated residence
 *     (§ 6 Abs. 2 SGB VIII), so every status; the age limit is the programme's, not this table's.
 *   - AsylbLG is the benefit system of Gestattung and Duldung (and of a few residence permits,
 *     § 1 Abs. 1 Nr. 3 AsylbLG); the municipality may fund support as "sonstige Leistungen" (§ 6).
 *   - Federal: BAMF courses (integration course incl. youth integration course, §§ 43, 44 AufenthG;
 *     job-related language courses, § 45a AufenthG) and the Jugendmigrationsdienste (Kinder- und
 *     Jugendplan des Bundes, 12 to 27). Access for Gestattung/Duldung is subordinate ("nachrangig",
 *     per the programme's text) and BAMF decides admission, so the table does not rule them out.
 * - `other` (a status the codes do not name: visa, Fiktionsbescheinigung, …) gets only the offers
 *   open to everyone; anything else needs a coordinator's override (R4 may be overridden).
 */

/** Everyone who can receive SGB II or SGB XII benefits: not Gestattung or Duldung (AsylbLG), not the unnamed `other`. */
const SGB_BENEFIT_STATUSES: readonly ResidenceStatus[] = ['aufenthaltserlaubnis', 'niederlassungserlaubnis', 'eu_citizen', 'german'];

export const NRW_ELIGIBILITY_2026: EligibilityTable = {
  version: 'nrw-2026.1',
  validFrom: '2026-01-01',
  rules: [
    // State of NRW, "Durchstarten in Ausbildung und Arbeit" / "Gemeinsam klappt's" (the programme's building blocks).
    { kind: 'coaching', jurisdiction: 'state', residenceStatuses: 'all', basis: 'Durchstarten in Ausbildung und Arbeit, Baustein I' },
    {
      kind: 'language_support',
      jurisdiction: 'state',
      residenceStatuses: 'all',
      basis: 'Durchstarten in Ausbildung und Arbeit, Bausteine II und IV',
    },
    {
      kind: 'school_certificate',
      jurisdiction: 'state',
      residenceStatuses: 'all',
      basis: 'Durchstarten in Ausbildung und Arbeit, Baustein III',
    },
    {
      kind: 'participation_management',
      jurisdiction: 'state',
      residenceStatuses: ['gestattung', 'duldung'],
      basis: 'Gemeinsam klappt’s, Baustein VI Teilhabemanagement',
    },

    // Participation management co-funded by the municipality from its youth welfare or AsylbLG budget;
    // not by SGB II/III/XII (no such instrument) nor by the federation (no such programme).
    { kind: 'participation_management', jurisdiction: 'sgb8', residenceStatuses: ['gestattung', 'duldung'], basis: '§§ 13, 41 SGB VIII' },
    {
      kind: 'participation_management',
      jurisdiction: 'asylblg',
      residenceStatuses: ['gestattung', 'duldung'],
      basis: '§ 6 Abs. 1 AsylbLG',
    },

    // Job centre (SGB II), for people who can receive Bürgergeld.
    {
      kind: 'coaching',
      jurisdiction: 'sgb2',
      residenceStatuses: SGB_BENEFIT_STATUSES,
      basis: '§§ 16 Abs. 1 SGB II i. V. m. 45 SGB III, 16h, 16k SGB II',
    },
    {
      kind: 'language_support',
      jurisdiction: 'sgb2',
      residenceStatuses: SGB_BENEFIT_STATUSES,
      basis: '§ 16 Abs. 1 SGB II i. V. m. § 75 SGB III (Assistierte Ausbildung)',
    },
    {
      kind: 'school_certificate',
      jurisdiction: 'sgb2',
      residenceStatuses: SGB_BENEFIT_STATUSES,
      basis: '§ 16 Abs. 1 SGB II i. V. m. § 81 Abs. 3 SGB III',
    },

    // Employment agency (SGB III), for anyone registered with it.
    { kind: 'coaching', jurisdiction: 'sgb3', residenceStatuses: 'all', basis: '§ 45 SGB III' },
    { kind: 'language_support', jurisdiction: 'sgb3', residenceStatuses: 'all', basis: '§ 75 SGB III (Assistierte Ausbildung)' },
    {
      kind: 'school_certificate',
      jurisdiction: 'sgb3',
      residenceStatuses: 'all',
      basis: '§ 53 SGB III (Berufsvorbereitung mit Hauptschulabschluss), § 81 Abs. 3 SGB III',
    },

    // Youth welfare (SGB VIII), young people up to 27.
    {
      kind: 'coaching',
      jurisdiction: 'sgb8',
      residenceStatuses: 'all',
      basis: '§ 13 SGB VIII (Jugendsozialarbeit), § 41 SGB VIII (junge Volljährige)',
    },

    // Social assistance (SGB XII), for people who can receive it.
    {
      kind: 'coaching',
      jurisdiction: 'sgb12',
      residenceStatuses: SGB_BENEFIT_STATUSES,
      basis: '§ 11 SGB XII (Beratung und Aktivierung), §§ 67 ff. SGB XII',
    },

    // Asylum seekers' benefits (AsylbLG), including the residence permits it covers.
    {
      kind: 'coaching',
      jurisdiction: 'asylblg',
      residenceStatuses: ['gestattung', 'duldung', 'aufenthaltserlaubnis'],
      basis: '§ 6 Abs. 1 AsylbLG',
    },

    // Federal programmes.
    {
      kind: 'language_support',
      jurisdiction: 'federal',
      residenceStatuses: 'all',
      basis: '§§ 43, 44, 45a AufenthG (BAMF Integrations- und Berufssprachkurse)',
    },
    {
      kind: 'coaching',
      jurisdiction: 'federal',
      residenceStatuses: 'all',
      basis: 'Jugendmigrationsdienste (Kinder- und Jugendplan des Bundes)',
    },
  ],
  subsidiarity: {
    coveringJurisdictions: ['sgb2', 'sgb12'],
    subsidiaryJurisdiction: 'state',
    kinds: ['coaching', 'language_support', 'school_certificate'],
  },
  careerRisk: { failedPathways: 3, withinMonths: 24 },
};

/*
 * Version 2 adds the age limits (ages on the planned start, whole years, both ends included):
 * - State rows: the programme is for young adults from 18 to 27 ("junge Volljährige bis 27 Jahre").
 * - SGB VIII: a young person is one "who is not yet 27" (§ 7 Abs. 1 Nr. 4 SGB VIII), so up to 26
 *   completed years; §§ 13 and 41 help young adults, the age counts, not the start of adulthood.
 * - SGB II: benefits from the completed 15th year (§ 7 Abs. 1 S. 1 Nr. 1 SGB II); the upper limit
 *   (§ 7a, the pension age) never matters here.
 * - Federal coaching (Jugendmigrationsdienste): 12 to 27 (Kinder- und Jugendplan des Bundes).
 * - SGB III, SGB XII, AsylbLG and the BAMF courses set no age limit of their own.
 * It applies from 1 July 2026, the start of the programme year: pathways decided before keep the
 * version that decided them.
 */
const AGES_2026_2: readonly { kind?: EligibilityRule['kind']; jurisdiction: EligibilityRule['jurisdiction']; ages: AgeRange }[] = [
  { jurisdiction: 'state', ages: { min: 18, max: 27 } },
  { jurisdiction: 'sgb8', ages: { max: 26 } },
  { jurisdiction: 'sgb2', ages: { min: 15 } },
  { kind: 'coaching', jurisdiction: 'federal', ages: { min: 12, max: 27 } },
];

const withAges = (rule: EligibilityRule): EligibilityRule => {
  const limit = AGES_2026_2.find((a) => a.jurisdiction === rule.jurisdiction && (a.kind === undefined || a.kind === rule.kind));
  return limit ? { ...rule, ages: limit.ages } : rule;
};

export const NRW_ELIGIBILITY_2026_2: EligibilityTable = {
  ...NRW_ELIGIBILITY_2026,
  version: 'nrw-2026.2',
  validFrom: '2026-07-01',
  rules: NRW_ELIGIBILITY_2026.rules.map(withAges),
};

/** The built-in versions, oldest first; ELIGIBILITY_TABLE_FILE may add more. */
export const NRW_ELIGIBILITY_TABLES: readonly EligibilityTable[] = [NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2];

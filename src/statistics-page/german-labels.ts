import { AgeBand, Jurisdiction, NO_OUTCOME, Outcome, OUTPUT_KINDS, PathwayDimension, PathwayKind, ResidenceStatus } from '@lotse/domain';

/*
 * The German names of the codes, for the statistics page: the one table it labels axes, legends
 * and table headers from. Typed by the domain's vocabularies, so a new code without a German name
 * fails the type check. Codes the statistics add (age bands, rules, outputs) are listed too; a code
 * missing here is shown as it is rather than hidden.
 */
const RESIDENCE_STATUS: Readonly<Record<ResidenceStatus, string>> = {
  gestattung: 'Aufenthaltsgestattung',
  duldung: 'Duldung',
  aufenthaltserlaubnis: 'Aufenthaltserlaubnis',
  niederlassungserlaubnis: 'Niederlassungserlaubnis',
  eu_citizen: 'EU-Staatsangehörigkeit',
  german: 'Deutsche Staatsangehörigkeit',
  other: 'Sonstiger Status',
};

const JURISDICTION: Readonly<Record<Jurisdiction, string>> = {
  sgb2: 'SGB II (Jobcenter)',
  sgb3: 'SGB III (Agentur für Arbeit)',
  sgb8: 'SGB VIII (Jugendhilfe)',
  sgb12: 'SGB XII (Sozialhilfe)',
  asylblg: 'AsylbLG',
  federal: 'Bund',
  state: 'Land NRW',
};

const KIND: Readonly<Record<PathwayKind, string>> = {
  coaching: 'Coaching',
  language_support: 'Sprachförderung',
  school_certificate: 'Schulabschluss',
  participation_management: 'Teilhabemanagement',
};

const OUTCOME: Readonly<Record<Outcome | typeof NO_OUTCOME, string>> = {
  training_place: 'Ausbildung',
  employment: 'Arbeit',
  school: 'Schule',
  other_measure: 'Andere Maßnahme',
  dropped_out: 'Abgebrochen',
  moved_away: 'Weggezogen',
  unknown: 'Unbekannt',
  none: 'Noch offen',
};

const AGE_BAND: Readonly<Record<AgeBand, string>> = {
  '18-20': '18 bis 20 Jahre',
  '21-24': '21 bis 24 Jahre',
  '25-27': '25 bis 27 Jahre',
  other: 'Andere Alter',
};

const OUTPUT: Readonly<Record<(typeof OUTPUT_KINDS)[number], string>> = {
  placement_offer: 'Vermittlungsangebote',
  employer_contact: 'Arbeitgeberkontakte',
  internship: 'Praktika',
  exam_registered: 'Prüfungsanmeldungen',
  certificate_obtained: 'Erworbene Abschlüsse',
};

/** The dimensions of the statistics' tables: the pathway dimensions and those of the careers and outputs tables. */
const DIMENSION: Readonly<Record<PathwayDimension | 'pathways' | 'jurisdictions' | 'rule' | 'output', string>> = {
  kind: 'Art der Maßnahme',
  jurisdiction: 'Kostenträger',
  residenceStatus: 'Aufenthaltsstatus',
  ageBand: 'Altersgruppe',
  municipality: 'Kommune',
  outcome: 'Ergebnis',
  quarter: 'Quartal',
  year: 'Jahr',
  pathways: 'Maßnahmen je Person',
  jurisdictions: 'Kostenträger je Person',
  rule: 'Regel',
  output: 'Leistung',
};

export const GERMAN_LABELS = {
  kind: KIND,
  jurisdiction: JURISDICTION,
  residenceStatus: RESIDENCE_STATUS,
  outcome: OUTCOME,
  ageBand: AGE_BAND,
  rule: {
    R1: 'R1 Doppelte Maßnahme',
    R2: 'R2 Nachrang (SGB II/XII)',
    R3: 'R3 Maßnahmenkarriere',
    R4: 'R4 Nicht förderfähig',
  },
  output: OUTPUT,
  series: {
    people: 'Personen mit offenem Bedarf',
    places: 'Plätze',
    free: 'Freie Plätze',
    opening: 'Plätze mit Öffnung im Einzelfall',
    gap: 'Lücke (Personen − freie Plätze)',
  },
  dimension: DIMENSION,
} as const;

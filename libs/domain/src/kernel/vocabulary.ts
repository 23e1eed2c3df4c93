/** The words on the wire: the same codes in the API, the events and the statistics. */
export const RESIDENCE_STATUSES = [
  'gestattung',
  'duldung',
  'aufenthaltserlaubnis',
  'niederlassungserlaubnis',
  'eu_citizen',
  'german',
  'other',
] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];

export const JURISDICTIONS = ['sgb2', 'sgb3', 'sgb8', 'sgb12', 'asylblg', 'federal', 'state'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const PATHWAY_KINDS = ['coaching', 'language_support', 'school_certificate', 'participation_management'] as const;
export type PathwayKind = (typeof PATHWAY_KINDS)[number];

export const CASE_STEP_KINDS = [
  'intake',
  'counselling',
  'goal_agreement',
  'referral',
  'placement_offer',
  'employer_contact',
  'internship',
  'application',
  'exam_registered',
  'exam_result',
  'certificate_obtained',
  'case_conference',
  'contact_failed',
  'note',
] as const;
export type CaseStepKind = (typeof CASE_STEP_KINDS)[number];

export const OUTCOMES = ['training_place', 'employment', 'school', 'other_measure', 'dropped_out', 'moved_away', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a needs assessment finds the person needs; the first four are the pathway kinds that can meet them. */
export const NEEDS = [
  'coaching',
  'language_support',
  'school_certificate',
  'participation_management',
  'vocational_training',
  'employment',
  'housing',
  'childcare',
  'health',
  'other',
] as const;
export type Need = (typeof NEEDS)[number];

/** German by the Common European Framework of Reference (CEFR), `none` before A1. */
export const GERMAN_LEVELS = ['none', 'a1', 'a2', 'b1', 'b2', 'c1', 'c2'] as const;
export type GermanLevel = (typeof GERMAN_LEVELS)[number];

/**
 * The highest school certificate: none, a foreign one (recognised in Germany or not), or the NRW
 * certificates from Hauptschulabschluss after class 9 or 10 (10A) up to the Abitur.
 */
export const SCHOOL_CERTIFICATES = [
  'none',
  'foreign_not_recognised',
  'foreign_recognised',
  'hauptschule_9',
  'hauptschule_10a',
  'fachoberschulreife',
  'abitur',
] as const;
export type SchoolCertificate = (typeof SCHOOL_CERTIFICATES)[number];

/**
 * `analyst`: a member of the alliance's core group (Bündniskerngruppe), who reads the anonymised statistics of every
 * municipality and nothing else.
 */
export const ROLES = ['coach', 'coordinator', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

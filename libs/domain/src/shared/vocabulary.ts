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

export const ROLES = ['coach', 'coordinator', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

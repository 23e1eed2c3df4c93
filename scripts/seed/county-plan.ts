import {
  ageOn,
  CASE_STEP_KINDS,
  CaseStepKind,
  EligibilityTable,
  GERMAN_LEVELS,
  Jurisdiction,
  Need,
  Outcome,
  PathwayKind,
  RESIDENCE_STATUSES,
  ResidenceStatus,
  SCHOOL_CERTIFICATES,
} from '@lotse/domain';
import { PersonName, randomName, variantOf } from './names';
import { addDays, daysBetween, Random } from './random';

/*
 * The county the seed command writes, planned in full before the first request: a pure function
 * of the seed, the number of people and municipalities, the eligibility table in force and today,
 * so that the same call on the same day plans the same county.
 *
 * It plans only what the guard lets through (eligible kinds and bodies for each person's status
 * and age, state money only without an SGB II/XII entitlement, no two pathways of one kind at a
 * time, no fourth failure of one kind), plus a few attempts it means to be refused, so that the
 * statistics of refusals by rule have something to count.
 */

/** The Rhein-Kreis Neuss, largest first, with its share of the county's young people. */
const MUNICIPALITIES: readonly [string, number][] = [
  ['neuss', 0.4],
  ['grevenbroich', 0.16],
  ['dormagen', 0.16],
  ['meerbusch', 0.1],
  ['kaarst', 0.08],
  ['korschenbroich', 0.05],
  ['juechen', 0.03],
  ['rommerskirchen', 0.02],
];
export const MAX_MUNICIPALITIES = MUNICIPALITIES.length;

const STATUS_WEIGHTS: Readonly<Record<ResidenceStatus, number>> = {
  gestattung: 20,
  duldung: 15,
  aufenthaltserlaubnis: 30,
  niederlassungserlaubnis: 5,
  eu_citizen: 10,
  german: 15,
  other: 5,
};
const KIND_WEIGHTS: Readonly<Record<PathwayKind, number>> = {
  coaching: 40,
  language_support: 30,
  school_certificate: 15,
  participation_management: 15,
};
const PATHWAYS_PER_PERSON: Readonly<Record<'0' | '1' | '2' | '3' | '4' | '5', number>> = { 0: 10, 1: 48, 2: 24, 3: 11, 4: 5, 5: 2 };

const PROVIDERS: Readonly<Record<Jurisdiction, readonly string[]>> = {
  state: ['Caritas', 'Diakonie', 'VHS', 'AWO'],
  sgb2: ['Jobcenter Rhein-Kreis Neuss'],
  sgb3: ['Agentur für Arbeit Mönchengladbach'],
  sgb8: ['Jugendamt'],
  sgb12: ['Sozialamt'],
  asylblg: ['Sozialamt, Leistungen nach AsylbLG'],
  federal: ['Jugendmigrationsdienst', 'BAMF-Kursträger'],
};
const GOALS: Readonly<Record<PathwayKind, readonly string[]>> = {
  coaching: ['Ausbildungsplatz im Handwerk', 'Ausbildung in der Pflege', 'Arbeitsstelle in der Logistik'],
  language_support: ['B1-Zertifikat', 'B2 für die Ausbildung', 'A2 und Alltagssprache'],
  school_certificate: ['Hauptschulabschluss nach Klasse 10', 'Anerkennung des Schulabschlusses'],
  participation_management: ['Arbeitserlaubnis und Ausbildungsduldung', 'Zugang zu Sprachkurs und Beratung'],
};
const OFFER_TITLES: Readonly<Record<PathwayKind, string>> = {
  coaching: 'Coaching in Ausbildung und Arbeit',
  language_support: 'Sprachkurs mit Berufsbezug',
  school_certificate: 'Schulabschluss nachholen',
  participation_management: 'Teilhabemanagement',
};

/** The case steps coaches record in each kind of pathway, `employer_contact` where the vocabulary has it. */
const STEPS: Readonly<Record<PathwayKind, readonly string[]>> = {
  coaching: [
    'counselling',
    'goal_agreement',
    'referral',
    'employer_contact',
    'placement_offer',
    'internship',
    'application',
    'contact_failed',
  ],
  language_support: ['counselling', 'exam_registered', 'exam_result', 'contact_failed', 'note'],
  school_certificate: ['counselling', 'exam_registered', 'exam_result', 'internship'],
  participation_management: ['counselling', 'referral', 'goal_agreement', 'case_conference', 'employer_contact', 'contact_failed'],
};
const knownSteps = (kinds: readonly string[]): CaseStepKind[] =>
  kinds.filter((k): k is CaseStepKind => (CASE_STEP_KINDS as readonly string[]).includes(k));

const COMPLETIONS: Readonly<Record<PathwayKind, Partial<Record<Outcome, number>>>> = {
  coaching: { training_place: 40, employment: 35, other_measure: 25 },
  language_support: { training_place: 25, employment: 20, school: 10, other_measure: 45 },
  school_certificate: { school: 60, training_place: 30, other_measure: 10 },
  participation_management: { training_place: 30, employment: 25, other_measure: 45 },
};
const ABORTS: Readonly<Partial<Record<Outcome, number>>> = { dropped_out: 50, moved_away: 20, unknown: 15, other_measure: 15 };
const FAILURES: readonly Outcome[] = ['other_measure', 'dropped_out', 'unknown'];
const OTHER_NEEDS: readonly Need[] = ['vocational_training', 'employment', 'housing', 'childcare', 'health', 'other'];

export interface PlannedOffer {
  key: number;
  municipality: string;
  title: string;
  provider: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  places: number;
  openTo: ResidenceStatus[];
  openingPossible: ResidenceStatus[];
  period: { from: string; to: string };
}

export interface PlannedStep {
  kind: CaseStepKind;
  occurredAt: string;
  durationMinutes: number;
}

export type PlannedEnd =
  { type: 'complete'; outcome: Outcome; endedOn: string } | { type: 'abort'; outcome: Outcome; endedOn: string; reason: string };

export interface PlannedPathway {
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  provider: string;
  goal: string;
  plannedStart: string;
  plannedEnd: string;
  /** The offer whose place it takes, if any; opened without it when the offer is full by then. */
  offerKey?: number;
  steps: PlannedStep[];
  end?: PlannedEnd;
  /** An attempt the guard is expected to refuse with this code. */
  refusal?: 'duplicate_pathway' | 'not_eligible' | 'subsidiarity' | 'career_risk';
}

export interface PlannedAssessment {
  assessedOn: string;
  needs: Need[];
  germanLevel?: string;
  schoolCertificate?: string;
}

export interface PlannedPerson {
  name: PersonName;
  birthDate: string;
  municipality: string;
  residenceStatus: ResidenceStatus;
  entitlements: { jurisdiction: Jurisdiction; from: string }[];
  assessments: PlannedAssessment[];
  pathways: PlannedPathway[];
  /** A second registration of an earlier person (another office, another spelling). */
  duplicate: boolean;
}

export interface CountyPlan {
  municipalities: string[];
  offers: PlannedOffer[];
  people: PlannedPerson[];
}

export interface PlanOptions {
  participants: number;
  municipalities: number;
  seed: number;
  today: string;
  table: EligibilityTable;
}

const COVERING: readonly Jurisdiction[] = ['sgb2', 'sgb12'];

/** The bodies that may fund `kind` for this person on `start`, as the guard's R4 and R2 see it. */
const eligibleJurisdictions = (
  table: EligibilityTable,
  kind: PathwayKind,
  person: Pick<PlannedPerson, 'residenceStatus' | 'birthDate' | 'entitlements'>,
  start: string,
): Jurisdiction[] => {
  const age = ageOn(person.birthDate, start);
  const covered = person.entitlements.some((e) => table.subsidiarity.coveringJurisdictions.includes(e.jurisdiction) && e.from <= start);
  return table.rules
    .filter((r) => r.kind === kind)
    .filter((r) => r.residenceStatuses === 'all' || r.residenceStatuses.includes(person.residenceStatus))
    .filter((r) => !r.ages || ((r.ages.min === undefined || age >= r.ages.min) && (r.ages.max === undefined || age <= r.ages.max)))
    .filter((r) => !(covered && r.jurisdiction === table.subsidiarity.subsidiaryJurisdiction && table.subsidiarity.kinds.includes(kind)))
    .map((r) => r.jurisdiction);
};

const at = (day: string, random: Random): string =>
  `${day}T${String(random.int(7, 15)).padStart(2, '0')}:${String(random.pick([0, 15, 30, 45])).padStart(2, '0')}:00Z`;

export const planCounty = (options: PlanOptions): CountyPlan => {
  const random = new Random(options.seed);
  const { today, table } = options;
  const windowStart = addDays(today, -730);
  const lastStart = addDays(today, -14);
  const chosen = MUNICIPALITIES.slice(0, Math.max(1, Math.min(options.municipalities, MUNICIPALITIES.length)));
  const shares = Object.fromEntries(chosen) as Record<string, number>;

  const offers = planOffers(random, chosen, options, windowStart);
  const people: PlannedPerson[] = [];
  const duplicates = Math.round(options.participants * 0.03);
  for (let i = 0; i < options.participants - duplicates; i++) {
    const municipality = random.weighted(shares);
    const residenceStatus = random.weighted(STATUS_WEIGHTS);
    // 17 to 28 today: a few fall outside the programme's 18–27 at their start, the `other` age band.
    const birthDate = addDays(today, -random.int(17 * 365 + 30, 28 * 365));
    const entitlements: PlannedPerson['entitlements'] = [];
    const entitledFrom = addDays(windowStart, -random.int(30, 400));
    if (['aufenthaltserlaubnis', 'niederlassungserlaubnis', 'eu_citizen', 'german'].includes(residenceStatus)) {
      if (random.chance(0.4)) entitlements.push({ jurisdiction: 'sgb2', from: entitledFrom });
      else if (random.chance(0.05)) entitlements.push({ jurisdiction: 'sgb12', from: entitledFrom });
    } else if (['gestattung', 'duldung'].includes(residenceStatus) && random.chance(0.6)) {
      entitlements.push({ jurisdiction: 'asylblg', from: entitledFrom });
    }
    const person: PlannedPerson = {
      name: randomName(random),
      birthDate,
      municipality,
      residenceStatus,
      entitlements,
      assessments: [],
      pathways: [],
      duplicate: false,
    };
    const career = random.chance(0.02);
    person.pathways = career
      ? planCareer(random, person, table, windowStart, today)
      : planPathways(random, person, offers, table, windowStart, lastStart, today);
    planRefusalAttempt(random, person, table, today);
    person.assessments = planAssessments(random, person, windowStart, today);
    people.push(person);
  }
  for (let i = 0; i < duplicates && people.length > 0; i++) {
    const original = random.pick(people.filter((p) => !p.duplicate));
    const swapped = random.chance(0.2) && Number(original.birthDate.slice(8)) <= 12;
    people.push({
      ...original,
      name: variantOf(original.name, random),
      birthDate: swapped
        ? `${original.birthDate.slice(0, 5)}${original.birthDate.slice(8)}-${original.birthDate.slice(5, 7)}`
        : original.birthDate,
      entitlements: [],
      pathways: [],
      assessments: original.assessments.slice(0, 1),
      duplicate: true,
    });
  }
  return { municipalities: chosen.map(([m]) => m), offers, people };
};

const planOffers = (random: Random, chosen: readonly [string, number][], options: PlanOptions, windowStart: string): PlannedOffer[] => {
  const offers: PlannedOffer[] = [];
  const totalShare = chosen.reduce((sum, [, share]) => sum + share, 0);
  for (const [municipality, share] of chosen) {
    const people = (options.participants * share) / totalShare;
    for (const kind of Object.keys(KIND_WEIGHTS) as PathwayKind[]) {
      const rules = options.table.rules.filter((r) => r.kind === kind);
      // The state's offer in every municipality, one more body's in the larger ones.
      const state = rules.find((r) => r.jurisdiction === 'state');
      const others = random.sample(
        rules.filter((r) => r !== state),
        people > 100 ? 1 : 0,
      );
      for (const rule of [state, ...others]) {
        if (!rule) continue;
        const openTo = rule.residenceStatuses === 'all' ? [...RESIDENCE_STATUSES] : [...rule.residenceStatuses];
        // Some offers leave out one status as of right and open to it only case by case.
        const withheld = openTo.length > 3 && random.chance(0.3) ? openTo.splice(random.int(0, openTo.length - 1), 1) : [];
        offers.push({
          key: offers.length,
          municipality,
          title: OFFER_TITLES[kind],
          provider: random.pick(PROVIDERS[rule.jurisdiction]),
          kind,
          jurisdiction: rule.jurisdiction,
          places: Math.max(2, Math.round((people * KIND_WEIGHTS[kind]) / 100 / 6)),
          openTo,
          openingPossible: withheld,
          period: { from: addDays(windowStart, -30), to: addDays(options.today, 365) },
        });
      }
    }
  }
  return offers;
};

const steps = (random: Random, kind: PathwayKind, start: string, last: string, end?: PlannedEnd): PlannedStep[] => {
  const span = Math.max(0, daysBetween(start, last));
  const count = random.int(0, Math.min(6, Math.floor(span / 30)));
  const days = [start, ...Array.from({ length: count }, () => addDays(start, random.int(1, Math.max(1, span))))].sort();
  const pool = knownSteps(STEPS[kind]);
  const kinds: CaseStepKind[] = ['intake', ...days.slice(1).map(() => random.pick(pool))];
  if (end?.type === 'complete' && end.outcome === 'school' && days.length > 1) kinds[kinds.length - 1] = 'certificate_obtained';
  if (end?.type === 'complete' && end.outcome === 'training_place' && days.length > 1) kinds[kinds.length - 1] = 'placement_offer';
  return days.map((day, i) => ({ kind: kinds[i], occurredAt: at(day, random), durationMinutes: random.pick([15, 30, 45, 60, 90]) }));
};

const pathwayOf = (
  random: Random,
  person: PlannedPerson,
  kind: PathwayKind,
  jurisdiction: Jurisdiction,
  plannedStart: string,
  plannedEnd: string,
  end: PlannedEnd | undefined,
  today: string,
): PlannedPathway => ({
  kind,
  jurisdiction,
  provider: `${random.pick(PROVIDERS[jurisdiction])} ${person.municipality[0].toUpperCase()}${person.municipality.slice(1)}`,
  goal: random.pick(GOALS[kind]),
  plannedStart,
  plannedEnd,
  steps: steps(random, kind, plannedStart, end ? end.endedOn : addDays(today, -1), end),
  ...(end ? { end } : {}),
});

const planPathways = (
  random: Random,
  person: PlannedPerson,
  offers: readonly PlannedOffer[],
  table: EligibilityTable,
  windowStart: string,
  lastStart: string,
  today: string,
): PlannedPathway[] => {
  const count = Number(random.weighted(PATHWAYS_PER_PERSON));
  const planned: PlannedPathway[] = [];
  const failures = new Map<PathwayKind, number>();
  let start = addDays(windowStart, random.int(0, daysBetween(windowStart, lastStart)));
  for (let n = 0; n < count && start <= lastStart; n++) {
    // A kind this person may have from some body, and not one that failed three times already.
    const kinds = (Object.keys(KIND_WEIGHTS) as PathwayKind[]).filter(
      (k) => (failures.get(k) ?? 0) < 3 && eligibleJurisdictions(table, k, person, start).length > 0,
    );
    if (kinds.length === 0) break;
    const kind = random.weighted(Object.fromEntries(kinds.map((k) => [k, KIND_WEIGHTS[k]])) as Record<PathwayKind, number>);
    const jurisdictions = eligibleJurisdictions(table, kind, person, start);
    const offer = random.chance(0.4)
      ? random.sample(
          offers.filter(
            (o) =>
              o.municipality === person.municipality &&
              o.kind === kind &&
              jurisdictions.includes(o.jurisdiction) &&
              o.openTo.includes(person.residenceStatus) &&
              o.period.from <= start,
          ),
          1,
        )[0]
      : undefined;
    const jurisdiction =
      offer?.jurisdiction ?? (jurisdictions.includes('state') && random.chance(0.5) ? 'state' : random.pick(jurisdictions));
    const length = random.int(90, 365);
    const plannedEnd = addDays(start, length);
    const lastDay = addDays(today, -1);
    let end: PlannedEnd | undefined;
    if (plannedEnd < today ? random.chance(0.62) : false) {
      end = {
        type: 'complete',
        outcome: random.weighted(COMPLETIONS[kind] as Record<Outcome, number>),
        endedOn: addDays(plannedEnd, -random.int(0, 20)),
      };
    } else if (plannedEnd < today || (random.chance(0.25) && daysBetween(start, lastDay) > 30)) {
      const endedOn = addDays(start, random.int(14, Math.min(length, daysBetween(start, lastDay))));
      end = { type: 'abort', outcome: random.weighted(ABORTS as Record<Outcome, number>), endedOn, reason: 'Nicht mehr erschienen' };
    }
    const pathway = pathwayOf(random, person, kind, jurisdiction, start, plannedEnd, end, today);
    if (offer) pathway.offerKey = offer.key;
    planned.push(pathway);
    if (!end) break;
    if (FAILURES.includes(end.outcome)) failures.set(kind, (failures.get(kind) ?? 0) + 1);
    start = addDays(end.endedOn, random.int(1, 60));
  }
  return planned;
};

/** A measure career: the same kind three times without success, then a fourth attempt the guard refuses (R3). */
const planCareer = (
  random: Random,
  person: PlannedPerson,
  table: EligibilityTable,
  windowStart: string,
  today: string,
): PlannedPathway[] => {
  const kind = random.pick(['coaching', 'language_support'] as const);
  const planned: PlannedPathway[] = [];
  let start = addDays(windowStart, random.int(120, 200));
  for (let n = 0; n < 4; n++) {
    const jurisdictions = eligibleJurisdictions(table, kind, person, start);
    if (jurisdictions.length === 0 || start >= addDays(today, -20)) break;
    const plannedEnd = addDays(start, 120);
    const end: PlannedEnd | undefined =
      n < 3 ? { type: 'abort', outcome: 'dropped_out', endedOn: addDays(start, random.int(30, 100)), reason: 'Abgebrochen' } : undefined;
    const pathway = pathwayOf(random, person, kind, random.pick(jurisdictions), start, plannedEnd, end, today);
    if (n === 3) pathway.refusal = 'career_risk';
    planned.push(pathway);
    if (!end) break;
    start = addDays(end.endedOn, random.int(10, 40));
  }
  return planned;
};

/** Now and then, a pathway the guard must refuse: one of a kind already running, an ineligible one, state money despite SGB II. */
const planRefusalAttempt = (random: Random, person: PlannedPerson, table: EligibilityTable, today: string): void => {
  if (!random.chance(0.03)) return;
  const start = addDays(today, -random.int(1, 10));
  const running = person.pathways.find((p) => !p.end && !p.refusal);
  const attempt = (kind: PathwayKind, jurisdiction: Jurisdiction, refusal: PlannedPathway['refusal']) => {
    person.pathways.push({
      ...pathwayOf(random, person, kind, jurisdiction, start, addDays(start, 180), undefined, today),
      steps: [],
      refusal,
    });
  };
  const free = (kind: PathwayKind) => !person.pathways.some((p) => p.kind === kind && !p.end);
  if (running && random.chance(0.5)) return attempt(running.kind, running.jurisdiction, 'duplicate_pathway');
  if (person.entitlements.some((e) => COVERING.includes(e.jurisdiction)) && free('language_support')) {
    const eligibleElsewhere = eligibleJurisdictions(
      { ...table, subsidiarity: { ...table.subsidiarity, kinds: [] } },
      'language_support',
      person,
      start,
    );
    if (eligibleElsewhere.includes('state')) return attempt('language_support', 'state', 'subsidiarity');
  }
  if (!['gestattung', 'duldung'].includes(person.residenceStatus) && free('participation_management')) {
    attempt('participation_management', 'state', 'not_eligible');
  }
};

const planAssessments = (random: Random, person: PlannedPerson, windowStart: string, today: string): PlannedAssessment[] => {
  if (person.pathways.length > 0 && random.chance(0.1)) return [];
  const first = person.pathways[0]?.plannedStart ?? addDays(windowStart, random.int(0, daysBetween(windowStart, today) - 1));
  const kinds =
    person.pathways.length > 0
      ? [...new Set(person.pathways.map((p) => p.kind))]
      : random.sample(Object.keys(KIND_WEIGHTS) as Need[], random.int(1, 2));
  const assessment = (assessedOn: string, needs: Need[]): PlannedAssessment => ({
    assessedOn,
    needs: [...new Set(needs)],
    ...(person.residenceStatus === 'german' ? {} : { germanLevel: random.pick(GERMAN_LEVELS.slice(0, 5)) }),
    ...(random.chance(0.7) ? { schoolCertificate: random.pick(SCHOOL_CERTIFICATES) } : {}),
  });
  const assessments = [assessment(addDays(first, -random.int(0, 20)), [...kinds, ...random.sample(OTHER_NEEDS, random.int(0, 2))])];
  // Some are assessed again later: the language need met, another one found.
  const later = addDays(first, random.int(60, 300));
  if (random.chance(0.2) && later < today) assessments.push(assessment(later, random.sample([...kinds, ...OTHER_NEEDS], random.int(1, 3))));
  return assessments;
};

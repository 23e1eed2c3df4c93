import { JURISDICTIONS, OUTCOMES, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { openNeeds } from '../participants/open-needs';
import { placesOn, isOpenOn } from '../offers/offer-calendar';
import { AGE_BANDS } from './age-band';
import { quarterOf, quartersBetween, yearOf, yearsBetween } from './calendar';
import { DisclosureRule, protect, suppressLike } from './disclosure';
import { SuppressionUniverse, suppressionUniverse } from './suppression-universe';
import { PathwayFact, StatisticsFacts, needsOn, statusOn } from './facts';
import { count, Dimension, median, share, StatisticsTable, sum, TableItem, tabulate } from './table';

/*
 * The four statistics queries: facts and parameters in, protected tables out. Pure: the handlers
 * resolve defaults that depend on the clock (today) before calling, and store them with a report.
 */

export const STATISTICS_TYPES = ['pathways', 'needs-offers', 'careers', 'outputs'] as const;
export type StatisticsType = (typeof STATISTICS_TYPES)[number];

export const PATHWAY_MEASURES = ['started', 'active', 'ended', 'completed', 'aborted', 'transition_rate', 'median_duration_days'] as const;
export type PathwayMeasure = (typeof PATHWAY_MEASURES)[number];

export const PATHWAY_DIMENSIONS = [
  'kind',
  'jurisdiction',
  'residenceStatus',
  'ageBand',
  'municipality',
  'outcome',
  'quarter',
  'year',
] as const;
export type PathwayDimension = (typeof PATHWAY_DIMENSIONS)[number];
/** More dimensions would make nearly every cell a small one. */
export const MAX_GROUP_BY = 3;

/** Outcomes that are a transition into training, work or school. */
export const TRANSITION_OUTCOMES = ['training_place', 'employment', 'school'] as const;
/** The outcome of a pathway that has not ended. */
export const NO_OUTCOME = 'none';

export interface PathwaysParameters {
  measure: PathwayMeasure;
  groupBy: PathwayDimension[];
  from?: string;
  to?: string;
  municipality?: string;
}

export const NEEDS_OFFERS_DIMENSIONS = ['kind', 'residenceStatus', 'municipality'] as const;
export type NeedsOffersDimension = (typeof NEEDS_OFFERS_DIMENSIONS)[number];
export interface NeedsOffersParameters {
  on: string;
  groupBy: NeedsOffersDimension[];
  municipality?: string;
}

export interface CareersParameters {
  from: string;
  to: string;
  municipality?: string;
}

/** The case step kinds the seeds report counts as outputs. */
export const OUTPUT_KINDS = ['placement_offer', 'employer_contact', 'internship', 'exam_registered', 'certificate_obtained'] as const;
export interface OutputsParameters {
  from?: string;
  to?: string;
  municipality?: string;
}

export type StatisticsParameters = PathwaysParameters | NeedsOffersParameters | CareersParameters | OutputsParameters;

export interface StatisticsResult {
  type: StatisticsType;
  tables: StatisticsTable[];
}

/**
 * The suppression of a measure and period at one position is the same for every grouping, so it is
 * computed once per set of facts (one position) and kept with them: the page's several charts and a
 * report after a look at the table reuse it. Keyed by the facts object, so it goes when they go.
 */
const universes = new WeakMap<StatisticsFacts, Map<string, SuppressionUniverse>>();
const memoised = (facts: StatisticsFacts, key: string, compute: () => SuppressionUniverse): SuppressionUniverse => {
  let perFacts = universes.get(facts);
  if (!perFacts) {
    perFacts = new Map();
    universes.set(facts, perFacts);
  }
  const found = perFacts.get(key);
  if (found) return found;
  const universe = compute();
  perFacts.set(key, universe);
  return universe;
};

const inPeriod = (day: string | undefined, from?: string, to?: string): day is string =>
  day !== undefined && (from === undefined || day >= from) && (to === undefined || day <= to);

const municipalitiesOf = (facts: readonly { municipality: string }[], only?: string): string[] =>
  only !== undefined ? [only] : [...new Set(facts.map((f) => f.municipality))].sort();

const timeValues = (name: 'quarter' | 'year', days: readonly string[], from?: string, to?: string): string[] => {
  if (days.length === 0 && (from === undefined || to === undefined)) return [];
  const sorted = [...days].sort();
  const first = from ?? sorted[0];
  const last = to ?? sorted[sorted.length - 1];
  return name === 'quarter' ? quartersBetween(first, last) : yearsBetween(first, last);
};

/** The day a pathway counts on for a measure: its start, or its end for the measures of ended pathways. */
const dayFor = (measure: PathwayMeasure, pathway: PathwayFact, from?: string): string | undefined => {
  if (measure === 'started') return pathway.start;
  // Active in the period: counted when it became active within it, its start or the period's first day.
  if (measure === 'active') return from !== undefined && pathway.start < from ? from : pathway.start;
  return pathway.endedOn;
};

const selects = (measure: PathwayMeasure, p: PathwayFact, from?: string, to?: string): boolean => {
  switch (measure) {
    case 'started':
      return inPeriod(p.start, from, to);
    case 'active':
      return (to === undefined || p.start <= to) && (p.endedOn === undefined || from === undefined || p.endedOn >= from);
    case 'completed':
      return p.status === 'completed' && inPeriod(p.endedOn, from, to);
    case 'aborted':
      return p.status === 'aborted' && inPeriod(p.endedOn, from, to);
    default:
      return inPeriod(p.endedOn, from, to);
  }
};

const pathwayValue = (dimension: PathwayDimension, p: PathwayFact, day: string): string => {
  switch (dimension) {
    case 'quarter':
      return quarterOf(day);
    case 'year':
      return yearOf(day);
    case 'outcome':
      return p.outcome ?? NO_OUTCOME;
    default:
      return p[dimension];
  }
};

/** GET /statistics/pathways: pathways started, active, ended … in a period, grouped. */
export const pathwayStatistics = (facts: StatisticsFacts, params: PathwaysParameters, rule: DisclosureRule): StatisticsResult => {
  const { measure, groupBy, from, to, municipality } = params;
  const inPeriodAll = facts.pathways.filter((p) => selects(measure, p, from, to));
  const chosen = inPeriodAll.filter((p) => municipality === undefined || p.municipality === municipality);
  const days = chosen.map((p) => dayFor(measure, p, from)!);
  const allDays = inPeriodAll.map((p) => dayFor(measure, p, from)!);
  const valuesOf = (dimension: PathwayDimension): readonly string[] => {
    switch (dimension) {
      case 'kind':
        return PATHWAY_KINDS;
      case 'jurisdiction':
        return JURISDICTIONS;
      case 'residenceStatus':
        return RESIDENCE_STATUSES;
      case 'ageBand':
        return AGE_BANDS;
      case 'outcome':
        return [...OUTCOMES, NO_OUTCOME];
      case 'municipality':
        return municipalitiesOf(facts.pathways, municipality);
      default:
        return timeValues(dimension, days, from, to);
    }
  };
  // The figures of every grouping and municipality at this position and period are suppressed as one (see suppression-universe.ts).
  const universeDimensions: Dimension[] = PATHWAY_DIMENSIONS.map((name) => ({
    name,
    values:
      name === 'municipality'
        ? municipalitiesOf(facts.pathways)
        : name === 'quarter' || name === 'year'
          ? timeValues(name, allDays, from, to)
          : valuesOf(name),
  }));
  const dimensions: Dimension[] = groupBy.map((name) => ({ name, values: valuesOf(name) }));
  const keysOf = (p: PathwayFact, i: number) => groupBy.map((d) => pathwayValue(d, p, days[i]));
  let table;
  if (measure === 'transition_rate') {
    const items: TableItem<boolean>[] = chosen.map((p, i) => ({
      keys: keysOf(p, i),
      datum: (TRANSITION_OUTCOMES as readonly string[]).includes(p.outcome ?? ''),
    }));
    table = tabulate(`pathways.${measure}`, 'rate', dimensions, items, share);
  } else if (measure === 'median_duration_days') {
    const items: TableItem<number>[] = chosen.map((p, i) => ({ keys: keysOf(p, i), datum: p.durationDays ?? 0 }));
    table = tabulate(`pathways.${measure}`, 'rate', dimensions, items, median);
  } else {
    table = tabulate(
      `pathways.${measure}`,
      'count',
      dimensions,
      chosen.map((p, i) => ({ keys: keysOf(p, i), datum: p })),
      count,
    );
    const universe = memoised(facts, `pathways|${rule.minCell}|${measure}|${from ?? ''}|${to ?? ''}`, () =>
      suppressionUniverse(
        universeDimensions,
        inPeriodAll.map((p, i) => PATHWAY_DIMENSIONS.map((d) => pathwayValue(d, p, allDays[i]))),
        MAX_GROUP_BY,
        rule,
      ),
    );
    const slice = municipality === undefined ? {} : { slice: { municipality } };
    return { type: 'pathways', tables: [protect(table, rule, { universe, ...slice })] };
  }
  return { type: 'pathways', tables: [protect(table, rule)] };
};

/**
 * GET /statistics/needs-offers: on one day, the people with an open need of a pathway kind by their
 * residence status, against the places of that kind open to the status (as of right: total and
 * free; by a case-by-case decision: "opening possible"), and the gap (people − free places).
 * Places count no person and are published as they are; the gap is suppressed with the people.
 */
export const needsOffersStatistics = (facts: StatisticsFacts, params: NeedsOffersParameters, rule: DisclosureRule): StatisticsResult => {
  const { on, municipality } = params;
  const order = NEEDS_OFFERS_DIMENSIONS.filter((d) => params.groupBy.includes(d));
  const municipalities = municipalitiesOf([...facts.persons, ...facts.offers], municipality);
  const values: Record<string, readonly string[]> = {
    kind: PATHWAY_KINDS,
    residenceStatus: RESIDENCE_STATUSES,
    municipality: municipalities,
  };
  const dimensions: Dimension[] = order.map((name) => ({ name, values: values[name] }));

  const pathwaysOf = new Map<number, { kind: PathwayFact['kind']; status: string }[]>();
  for (const p of facts.pathways) {
    const active = p.start <= on && (p.endedOn === undefined || p.endedOn >= on);
    const list = pathwaysOf.get(p.person) ?? [];
    list.push({ kind: p.kind, status: active ? 'active' : 'ended' });
    pathwaysOf.set(p.person, list);
  }
  const people: TableItem<number>[] = [];
  const everyone: string[][] = [];
  for (const person of facts.persons) {
    const status = statusOn(person.statuses, on);
    for (const kind of openNeeds(needsOn(person.assessments, on), pathwaysOf.get(person.person) ?? [])) {
      const keyValues: Record<string, string> = { kind, residenceStatus: status, municipality: person.municipality };
      everyone.push(NEEDS_OFFERS_DIMENSIONS.map((d) => keyValues[d]));
      if (municipality === undefined || person.municipality === municipality)
        people.push({ keys: order.map((d) => keyValues[d]), datum: 1 });
    }
  }
  const universe = memoised(facts, `needs-offers|${rule.minCell}|${on}`, () =>
    suppressionUniverse(
      NEEDS_OFFERS_DIMENSIONS.map((name) => ({
        name,
        values: name === 'municipality' ? municipalitiesOf([...facts.persons, ...facts.offers]) : values[name],
      })),
      everyone,
      NEEDS_OFFERS_DIMENSIONS.length,
      rule,
    ),
  );
  const places: TableItem<{ total: number; free: number; opening: number }>[] = [];
  for (const offer of facts.offers) {
    if ((municipality !== undefined && offer.municipality !== municipality) || !isOpenOn(offer, on)) continue;
    const total = placesOn(offer, on);
    const held = offer.holds.filter((h) => h.from <= on && (h.to === undefined || h.to > on)).length;
    const free = Math.max(0, total - held);
    for (const status of RESIDENCE_STATUSES) {
      const asOfRight = offer.openTo.includes(status);
      if (!asOfRight && !offer.openingPossible.includes(status)) continue;
      const keyValues: Record<string, string> = { kind: offer.kind, residenceStatus: status, municipality: offer.municipality };
      places.push({
        keys: order.map((d) => keyValues[d]),
        datum: asOfRight ? { total, free, opening: 0 } : { total: 0, free: 0, opening: total },
      });
    }
  }
  const peopleTable = protect(tabulate('needs_offers.people_with_open_need', 'count', dimensions, people, count), rule, {
    universe,
    ...(municipality === undefined ? {} : { slice: { municipality } }),
  });
  const placeTable = (name: string, pick: (d: { total: number; free: number; opening: number }) => number) =>
    protect(
      tabulate(name, 'public', dimensions, places, (data) => sum(data.map(pick))),
      rule,
    );
  const freeRaw = tabulate('free', 'public', dimensions, places, (data) => sum(data.map((d) => d.free)));
  const peopleRaw = tabulate('people', 'public', dimensions, people, count);
  const gapOf = (i: number, which: 'cells' | 'rowTotals' | 'columnTotals') => peopleRaw[which][i].value - freeRaw[which][i].value;
  const gapRaw = {
    ...peopleRaw,
    name: 'needs_offers.gap',
    cells: peopleRaw.cells.map((c, i) => ({ keys: c.keys, value: gapOf(i, 'cells') })),
    rowTotals: peopleRaw.rowTotals.map((c, i) => ({ keys: c.keys, value: gapOf(i, 'rowTotals') })),
    columnTotals: peopleRaw.columnTotals.map((c, i) => ({ keys: c.keys, value: gapOf(i, 'columnTotals') })),
    total: { keys: {}, value: peopleRaw.total.value - freeRaw.total.value },
  };
  return {
    type: 'needs-offers',
    tables: [
      peopleTable,
      placeTable('needs_offers.places', (d) => d.total),
      placeTable('needs_offers.free_places', (d) => d.free),
      placeTable('needs_offers.places_opening_possible', (d) => d.opening),
      suppressLike(gapRaw, peopleTable),
    ],
  };
};

const bucket = (n: number, top: number): string => (n >= top ? `${top}+` : String(n));

/**
 * GET /statistics/careers: the measure-career indicator for the pathways started in a window
 * (24 months by default): persons by how many pathways and how many jurisdictions, persons with
 * three or more unsuccessful pathways of one kind, and the guard's refusals by rule per quarter.
 */
export const careerStatistics = (facts: StatisticsFacts, params: CareersParameters, rule: DisclosureRule): StatisticsResult => {
  const { from, to, municipality } = params;
  const perPerson = new Map<number, PathwayFact[]>();
  for (const p of facts.pathways) {
    if ((municipality !== undefined && p.municipality !== municipality) || !inPeriod(p.start, from, to)) continue;
    const list = perPerson.get(p.person) ?? [];
    list.push(p);
    perPerson.set(p.person, list);
  }
  const persons = [...perPerson.values()];
  const unsuccessful = ['other_measure', 'dropped_out', 'unknown'];
  const byPathways = persons.map((list) => ({ keys: [bucket(list.length, 4)], datum: 1 }));
  const byJurisdictions = persons.map((list) => ({ keys: [bucket(new Set(list.map((p) => p.jurisdiction)).size, 3)], datum: 1 }));
  const atRisk = persons
    .filter((list) =>
      PATHWAY_KINDS.some(
        (kind) => list.filter((p) => p.kind === kind && p.outcome !== undefined && unsuccessful.includes(p.outcome)).length >= 3,
      ),
    )
    .map(() => ({ keys: [], datum: 1 }));
  const refusals = facts.guardDecisions
    .filter((d) => !d.allowed && d.rule && inPeriod(d.on, from, to) && (municipality === undefined || d.municipality === municipality))
    .map((d) => ({ keys: [d.rule!, quarterOf(d.on)], datum: 1 }));
  return {
    type: 'careers',
    tables: [
      protect(
        tabulate('careers.persons_by_pathways', 'count', [{ name: 'pathways', values: ['1', '2', '3', '4+'] }], byPathways, count),
        rule,
      ),
      protect(
        tabulate(
          'careers.persons_by_jurisdictions',
          'count',
          [{ name: 'jurisdictions', values: ['1', '2', '3+'] }],
          byJurisdictions,
          count,
        ),
        rule,
      ),
      protect(tabulate('careers.persons_with_3_unsuccessful_of_one_kind', 'count', [], atRisk, count), rule),
      protect(
        tabulate(
          'careers.guard_refusals',
          'count',
          [
            { name: 'rule', values: ['R1', 'R2', 'R3', 'R4'] },
            { name: 'quarter', values: quartersBetween(from, to) },
          ],
          refusals,
          count,
        ),
        rule,
      ),
    ],
  };
};

/** GET /statistics/outputs: the case steps the seeds report counts as outputs, in a period. */
export const outputStatistics = (facts: StatisticsFacts, params: OutputsParameters, rule: DisclosureRule): StatisticsResult => {
  const { from, to, municipality } = params;
  const items: TableItem<number>[] = [];
  for (const p of facts.pathways) {
    if (municipality !== undefined && p.municipality !== municipality) continue;
    for (const [kind, day] of p.steps) if (inPeriod(day, from, to)) items.push({ keys: [kind], datum: 1 });
  }
  return {
    type: 'outputs',
    tables: [protect(tabulate('outputs.case_steps', 'count', [{ name: 'output', values: OUTPUT_KINDS }], items, count), rule)],
  };
};

/** Any of the four by its type: what a stored report and its reproduction call. */
export const computeStatistics = (
  type: StatisticsType,
  facts: StatisticsFacts,
  params: StatisticsParameters,
  rule: DisclosureRule,
): StatisticsResult => {
  switch (type) {
    case 'pathways':
      return pathwayStatistics(facts, params as PathwaysParameters, rule);
    case 'needs-offers':
      return needsOffersStatistics(facts, params as NeedsOffersParameters, rule);
    case 'careers':
      return careerStatistics(facts, params as CareersParameters, rule);
    default:
      return outputStatistics(facts, params, rule);
  }
};

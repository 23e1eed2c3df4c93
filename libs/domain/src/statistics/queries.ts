import { JURISDICTIONS, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { openNeeds } from '../participants/open-needs';
import { placesOn, isOpenOn } from '../offers/offer-calendar';
import { AGE_BANDS } from './age-band';
import { quarterOf, quartersBetween, yearOf, yearsBetween } from './calendar';
import { DisclosureRule, protect, suppressLike } from './disclosure';
import { suppressionUniverseOfCodes } from './suppression-universe';
import { FactColumns, factColumnsOf, FactsChange, OUTCOME_VALUES, PATHWAY_STATUS_CODES } from './fact-columns';
import { PathwayFact, StatisticsFacts, needsOn, statusOn } from './facts';
import { count, countOfCells, Dimension, median, shareOfCells, StatisticsTable, sum, TableItem, tabulate, tabulateCells } from './table';

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
 * report after a look at the table reuse it (as do the open needs of one day). Keyed by the facts
 * object, so it goes when they go; at most MEMO_LIMIT per position, the least recently used dropped
 * first, so that asking for many periods at one position cannot fill the memory. Each entry names
 * the facts it was computed from, so that the next position keeps it when none of them changed
 * (new case steps change no suppression).
 */
const MEMO_LIMIT = 64;
type MemoInput = keyof Pick<FactsChange, 'pathwayFigures' | 'persons' | 'offers'>;
interface Memo {
  value: unknown;
  inputs: readonly MemoInput[];
}
const memos = new WeakMap<StatisticsFacts, Map<string, Memo>>();
const memoised = <T>(facts: StatisticsFacts, key: string, inputs: readonly MemoInput[], compute: () => T): T => {
  let perFacts = memos.get(facts);
  if (!perFacts) {
    perFacts = new Map();
    memos.set(facts, perFacts);
  }
  const found = perFacts.get(key);
  if (found) {
    perFacts.delete(key);
    perFacts.set(key, found);
    return found.value as T;
  }
  const value = compute();
  perFacts.set(key, { value, inputs });
  if (perFacts.size > MEMO_LIMIT) perFacts.delete(perFacts.keys().next().value!);
  return value;
};

/** Hands the memos of `previous` that `change` leaves valid on to `next`. */
export const carryStatisticsMemos = (previous: StatisticsFacts, next: StatisticsFacts, change: FactsChange): void => {
  const perFacts = memos.get(previous);
  if (!perFacts) return;
  const kept = [...perFacts].filter(([, memo]) => !memo.inputs.some((input) => change[input]));
  if (kept.length > 0) memos.set(next, new Map(kept));
};

const inPeriod = (day: string | undefined, from?: string, to?: string): day is string =>
  day !== undefined && (from === undefined || day >= from) && (to === undefined || day <= to);

/** The quarters or years from `first` to `last`: the time dimension's values of a table. */
const timeValues = (name: 'quarter' | 'year', first: string, last: string): string[] =>
  name === 'quarter' ? quartersBetween(first, last) : yearsBetween(first, last);

/** A day rank standing for the period's first day: where an `active` pathway that began before it counts. */
const FROM_DAY = -2;

/**
 * The pathways a measure counts in a period, and the day each counts on (a rank of the day scale,
 * or FROM_DAY): by the start, or by the end for the measures of ended pathways; an `active`
 * pathway ran at some time in the period and counts on the day it became active within it.
 */
const selectPathways = (columns: FactColumns, measure: PathwayMeasure, from?: string, to?: string, municipality?: number) => {
  const p = columns.pathways;
  const lo = columns.days.atOrAfter(from);
  const hi = columns.days.atOrBefore(to);
  const chosen = new Int32Array(p.count);
  const day = new Int32Array(p.count);
  let n = 0;
  for (let i = 0; i < p.count; i++) {
    if (municipality !== undefined && p.municipality[i] !== municipality) continue;
    const start = p.start[i];
    const end = p.end[i];
    let on: number;
    switch (measure) {
      case 'started':
        if (start < lo || start > hi) continue;
        on = start;
        break;
      case 'active':
        if (start > hi || (end !== -1 && end < lo)) continue;
        on = from !== undefined && start < lo ? FROM_DAY : start;
        break;
      case 'completed':
      case 'aborted':
        if (p.status[i] !== PATHWAY_STATUS_CODES[measure] || end === -1 || end < lo || end > hi) continue;
        on = end;
        break;
      default:
        if (end === -1 || end < lo || end > hi) continue;
        on = end;
    }
    chosen[n] = i;
    day[n] = on;
    n++;
  }
  return { n, chosen, day };
};

type Selection = ReturnType<typeof selectPathways>;

/**
 * A time dimension's values for the days of a selection: every quarter (or year) from the
 * period's first day, else the earliest day counted, to its last day, else the latest; none when
 * nothing is counted and the period is open.
 */
const timeValuesOf = (name: 'quarter' | 'year', columns: FactColumns, selection: Selection, from?: string, to?: string): string[] => {
  if (selection.n === 0 && (from === undefined || to === undefined)) return [];
  let min = Infinity;
  let max = -1;
  let fromDay = false;
  for (let j = 0; j < selection.n; j++) {
    const day = selection.day[j];
    if (day === FROM_DAY) fromDay = true;
    else {
      if (day < min) min = day;
      if (day > max) max = day;
    }
  }
  const days = columns.days.days;
  // FROM_DAY occurs only with a `from`, so the earliest day is needed only without one.
  const first = from ?? days[min];
  let last = to;
  if (last === undefined) last = max < 0 ? from! : fromDay && from! > days[max] ? from! : days[max];
  return timeValues(name, first, last);
};

/** For each pathway of a selection its index in a dimension's values (−1: not among them, so counted nowhere). */
const codesOf = (
  dimension: PathwayDimension,
  values: readonly string[],
  columns: FactColumns,
  selection: Selection,
  from: string | undefined,
  municipality: number | undefined,
): Int32Array => {
  const p = columns.pathways;
  const out = new Int32Array(selection.n);
  const { chosen, day } = selection;
  if (dimension === 'quarter' || dimension === 'year') {
    const labels = dimension === 'quarter' ? columns.days.quarters : columns.days.years;
    const index = new Map(values.map((v, i) => [v, i]));
    const byDay = labels.map((label) => index.get(label) ?? -1);
    const ofFrom = from === undefined ? -1 : (index.get(dimension === 'quarter' ? quarterOf(from) : yearOf(from)) ?? -1);
    for (let j = 0; j < selection.n; j++) out[j] = day[j] === FROM_DAY ? ofFrom : byDay[day[j]];
    return out;
  }
  if (dimension === 'municipality') {
    // Filtered to one municipality, its only value; else the pathways' municipalities, which the codes number.
    for (let j = 0; j < selection.n; j++) out[j] = municipality === undefined ? p.municipality[chosen[j]] : 0;
    return out;
  }
  const column = p[dimension];
  const known = values.length;
  for (let j = 0; j < selection.n; j++) {
    const code = column[chosen[j]];
    out[j] = code < known ? code : -1;
  }
  return out;
};

/** Each item's cell in the tables of these dimensions (−1: outside), from its codes. */
const cellsOf = (dimensions: readonly Dimension[], codes: readonly Int32Array[], n: number): Int32Array => {
  const cells = new Int32Array(n);
  const strides = dimensions.map(() => 1);
  for (let k = dimensions.length - 2; k >= 0; k--) strides[k] = strides[k + 1] * dimensions[k + 1].values.length;
  for (let j = 0; j < n; j++) {
    let cell = 0;
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k][j];
      if (code < 0) {
        cell = -1;
        break;
      }
      cell += code * strides[k];
    }
    cells[j] = cell;
  }
  return cells;
};

const sizeOf = (dimensions: readonly Dimension[]) => dimensions.reduce((product, dim) => product * dim.values.length, 1);

/** GET /statistics/pathways: pathways started, active, ended … in a period, grouped. */
export const pathwayStatistics = (facts: StatisticsFacts, params: PathwaysParameters, rule: DisclosureRule): StatisticsResult => {
  const { measure, groupBy, from, to, municipality } = params;
  const columns = factColumnsOf(facts);
  const only = municipality === undefined ? undefined : columns.municipalities.indexOf(municipality);
  const chosen = selectPathways(columns, measure, from, to, only);
  const valuesOf = (dimension: PathwayDimension, selection: Selection, slice: boolean): readonly string[] => {
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
        return OUTCOME_VALUES;
      case 'municipality':
        return slice && municipality !== undefined ? [municipality] : columns.municipalities;
      default:
        return timeValuesOf(dimension, columns, selection, from, to);
    }
  };
  const dimensions: Dimension[] = groupBy.map((name) => ({ name, values: valuesOf(name, chosen, true) }));
  const cells = cellsOf(
    dimensions,
    dimensions.map((dim) => codesOf(dim.name as PathwayDimension, dim.values, columns, chosen, from, only)),
    chosen.n,
  );
  const size = sizeOf(dimensions);
  const counts = new Int32Array(size);
  for (let j = 0; j < chosen.n; j++) if (cells[j] >= 0) counts[cells[j]]++;
  const name = `pathways.${measure}`;
  if (measure === 'transition_rate') {
    const trues = new Int32Array(size);
    const transition = columns.pathways.transition;
    for (let j = 0; j < chosen.n; j++) if (cells[j] >= 0) trues[cells[j]] += transition[chosen.chosen[j]];
    return { type: 'pathways', tables: [protect(tabulateCells(name, 'rate', dimensions, shareOfCells(trues, counts)), rule)] };
  }
  if (measure === 'median_duration_days') {
    const durations = Array.from({ length: size }, () => [] as number[]);
    const duration = columns.pathways.duration;
    for (let j = 0; j < chosen.n; j++) if (cells[j] >= 0) durations[cells[j]].push(duration[chosen.chosen[j]]);
    const table = tabulateCells(name, 'rate', dimensions, (covered) => median(covered.flatMap((c) => durations[c])));
    return { type: 'pathways', tables: [protect(table, rule)] };
  }
  const table = tabulateCells(name, 'count', dimensions, countOfCells(counts));
  // The figures of every grouping and municipality at this position and period are suppressed as one (see suppression-universe.ts).
  const universe = memoised(facts, `pathways|${rule.minCell}|${measure}|${from ?? ''}|${to ?? ''}`, ['pathwayFigures'], () => {
    const all = only === undefined ? chosen : selectPathways(columns, measure, from, to);
    const universeDimensions: Dimension[] = PATHWAY_DIMENSIONS.map((name) => ({ name, values: valuesOf(name, all, false) }));
    const codes = universeDimensions.map((dim) => codesOf(dim.name as PathwayDimension, dim.values, columns, all, from, undefined));
    // Only pathways known in every dimension are counted.
    let n = 0;
    for (let j = 0; j < all.n; j++) {
      if (codes.some((c) => c[j] < 0)) continue;
      for (const c of codes) c[n] = c[j];
      n++;
    }
    return suppressionUniverseOfCodes(universeDimensions, codes, n, MAX_GROUP_BY, rule);
  });
  const slice = municipality === undefined ? {} : { slice: { municipality } };
  return { type: 'pathways', tables: [protect(table, rule, { universe, ...slice })] };
};

/**
 * Everyone's open needs on `on`, one item per person and need: its kind (code in PATHWAY_KINDS),
 * the person's residence status that day (code in RESIDENCE_STATUSES; people with another are
 * left out, as no table has a place for them) and municipality (code in `needsMunicipalities`).
 */
const openNeedsOn = (facts: StatisticsFacts, columns: FactColumns, on: string) => {
  const p = columns.pathways;
  const lo = columns.days.atOrAfter(on);
  const hi = columns.days.atOrBefore(on);
  const statusCode = new Map(RESIDENCE_STATUSES.map((status, i) => [status, i]));
  const municipalityCode = new Map(columns.needsMunicipalities.map((m, i) => [m, i]));
  const kind: number[] = [];
  const status: number[] = [];
  const municipality: number[] = [];
  // openNeeds looks only at the kinds running that day: hand it one pathway per running kind.
  const runningOf = PATHWAY_KINDS.map((k) => ({ kind: k, status: 'active' }));
  const running: { kind: PathwayFact['kind']; status: string }[] = [];
  for (const person of facts.persons) {
    const needs = needsOn(person.assessments, on);
    if (needs.length === 0) continue;
    const code = statusCode.get(statusOn(person.statuses, on));
    if (code === undefined) continue;
    let mask = 0;
    if (person.person + 1 < columns.personStart.length)
      for (let x = columns.personStart[person.person]; x < columns.personStart[person.person + 1]; x++) {
        const i = columns.byPerson[x];
        if (p.kind[i] < PATHWAY_KINDS.length && p.start[i] <= hi && (p.end[i] === -1 || p.end[i] >= lo)) mask |= 1 << p.kind[i];
      }
    running.length = 0;
    for (let k = 0; k < PATHWAY_KINDS.length; k++) if (mask & (1 << k)) running.push(runningOf[k]);
    for (const need of openNeeds(needs, running)) {
      kind.push(PATHWAY_KINDS.indexOf(need));
      status.push(code);
      municipality.push(municipalityCode.get(person.municipality)!);
    }
  }
  return { n: kind.length, kind: Int32Array.from(kind), status: Int32Array.from(status), municipality: Int32Array.from(municipality) };
};

/** The open needs count people by their pathways, their needs and status, and number the municipalities of people and offers. */
const NEEDS_INPUTS: readonly MemoInput[] = ['pathwayFigures', 'persons', 'offers'];

/**
 * GET /statistics/needs-offers: on one day, the people with an open need of a pathway kind by their
 * residence status, against the places of that kind open to the status (as of right: total and
 * free; by a case-by-case decision: "opening possible"), and the gap (people − free places).
 * Places count no person and are published as they are; the gap is suppressed with the people.
 */
export const needsOffersStatistics = (facts: StatisticsFacts, params: NeedsOffersParameters, rule: DisclosureRule): StatisticsResult => {
  const { on, municipality } = params;
  const columns = factColumnsOf(facts);
  const order = NEEDS_OFFERS_DIMENSIONS.filter((d) => params.groupBy.includes(d));
  const values: Record<string, readonly string[]> = {
    kind: PATHWAY_KINDS,
    residenceStatus: RESIDENCE_STATUSES,
    municipality: municipality !== undefined ? [municipality] : columns.needsMunicipalities,
  };
  const dimensions: Dimension[] = order.map((name) => ({ name, values: values[name] }));
  const everyone = memoised(facts, `open-needs|${on}`, NEEDS_INPUTS, () => openNeedsOn(facts, columns, on));
  // The people of the table: those of the municipality asked for (its one value), or everyone.
  const only = municipality === undefined ? undefined : columns.needsMunicipalities.indexOf(municipality);
  const codes = { kind: everyone.kind, residenceStatus: everyone.status, municipality: everyone.municipality };
  const people = new Int32Array(sizeOf(dimensions));
  const strides = dimensions.map(() => 1);
  for (let k = dimensions.length - 2; k >= 0; k--) strides[k] = strides[k + 1] * dimensions[k + 1].values.length;
  for (let j = 0; j < everyone.n; j++) {
    if (only !== undefined && everyone.municipality[j] !== only) continue;
    let cell = 0;
    order.forEach((name, k) => {
      cell += (name === 'municipality' && only !== undefined ? 0 : codes[name][j]) * strides[k];
    });
    people[cell]++;
  }
  const universe = memoised(facts, `needs-offers|${rule.minCell}|${on}`, NEEDS_INPUTS, () =>
    suppressionUniverseOfCodes(
      NEEDS_OFFERS_DIMENSIONS.map((name) => ({ name, values: name === 'municipality' ? columns.needsMunicipalities : values[name] })),
      NEEDS_OFFERS_DIMENSIONS.map((name) => codes[name]),
      everyone.n,
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
  const peopleTable = protect(tabulateCells('needs_offers.people_with_open_need', 'count', dimensions, countOfCells(people)), rule, {
    universe,
    ...(municipality === undefined ? {} : { slice: { municipality } }),
  });
  const placeTable = (name: string, pick: (d: { total: number; free: number; opening: number }) => number) =>
    protect(
      tabulate(name, 'public', dimensions, places, (data) => sum(data.map(pick))),
      rule,
    );
  const freeRaw = tabulate('free', 'public', dimensions, places, (data) => sum(data.map((d) => d.free)));
  const peopleRaw = tabulateCells('people', 'public', dimensions, countOfCells(people));
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

/**
 * GET /statistics/careers: the measure-career indicator for the pathways started in a window
 * (24 months by default): persons by how many pathways and how many jurisdictions, persons with
 * three or more unsuccessful pathways of one kind, and the guard's refusals by rule per quarter.
 */
export const careerStatistics = (facts: StatisticsFacts, params: CareersParameters, rule: DisclosureRule): StatisticsResult => {
  const { from, to, municipality } = params;
  const columns = factColumnsOf(facts);
  const p = columns.pathways;
  const only = municipality === undefined ? undefined : columns.municipalities.indexOf(municipality);
  const lo = columns.days.atOrAfter(from);
  const hi = columns.days.atOrBefore(to);
  const unsuccessful = new Set(['other_measure', 'dropped_out', 'unknown'].map((o) => columns.codes.outcome.find(o)));
  const byPathways = new Int32Array(4);
  const byJurisdictions = new Int32Array(3);
  let atRisk = 0;
  const seen: number[] = [];
  const failed = new Int32Array(PATHWAY_KINDS.length);
  // Per person: their pathways started in the window (in the municipality asked for).
  for (let person = 0; person + 1 < columns.personStart.length; person++) {
    let pathways = 0;
    let risk = false;
    seen.length = 0;
    for (let x = columns.personStart[person]; x < columns.personStart[person + 1]; x++) {
      const i = columns.byPerson[x];
      if ((only !== undefined && p.municipality[i] !== only) || p.start[i] < lo || p.start[i] > hi) continue;
      if (pathways++ === 0) failed.fill(0);
      if (!seen.includes(p.jurisdiction[i])) seen.push(p.jurisdiction[i]);
      if (p.kind[i] < PATHWAY_KINDS.length && unsuccessful.has(p.outcome[i]) && ++failed[p.kind[i]] >= 3) risk = true;
    }
    if (pathways === 0) continue;
    byPathways[Math.min(pathways, 4) - 1]++;
    byJurisdictions[Math.min(seen.length, 3) - 1]++;
    if (risk) atRisk++;
  }
  const refusals = facts.guardDecisions
    .filter((d) => !d.allowed && d.rule && inPeriod(d.on, from, to) && (municipality === undefined || d.municipality === municipality))
    .map((d) => ({ keys: [d.rule!, quarterOf(d.on)], datum: 1 }));
  return {
    type: 'careers',
    tables: [
      protect(
        tabulateCells(
          'careers.persons_by_pathways',
          'count',
          [{ name: 'pathways', values: ['1', '2', '3', '4+'] }],
          countOfCells(byPathways),
        ),
        rule,
      ),
      protect(
        tabulateCells(
          'careers.persons_by_jurisdictions',
          'count',
          [{ name: 'jurisdictions', values: ['1', '2', '3+'] }],
          countOfCells(byJurisdictions),
        ),
        rule,
      ),
      protect(tabulateCells('careers.persons_with_3_unsuccessful_of_one_kind', 'count', [], countOfCells([atRisk])), rule),
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
  const columns = factColumnsOf(facts);
  const steps = columns.steps;
  const only = municipality === undefined ? undefined : columns.municipalities.indexOf(municipality);
  const lo = columns.days.atOrAfter(from);
  const hi = columns.days.atOrBefore(to);
  // Each step kind's place among the outputs (−1: not an output).
  const output = new Int32Array(steps.kinds.values.length).fill(-1);
  OUTPUT_KINDS.forEach((kind, o) => {
    const code = steps.kinds.find(kind);
    if (code >= 0) output[code] = o;
  });
  const counts = new Int32Array(OUTPUT_KINDS.length);
  for (let s = 0; s < steps.count; s++) {
    if ((only !== undefined && steps.municipality[s] !== only) || steps.day[s] < lo || steps.day[s] > hi) continue;
    const o = output[steps.kind[s]];
    if (o >= 0) counts[o] += steps.tally[s];
  }
  return {
    type: 'outputs',
    tables: [protect(tabulateCells('outputs.case_steps', 'count', [{ name: 'output', values: OUTPUT_KINDS }], countOfCells(counts)), rule)],
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

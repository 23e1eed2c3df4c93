import { JURISDICTIONS, OUTCOMES, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { AGE_BANDS } from './age-band';
import { quarterOf, yearOf } from './calendar';
import { StatisticsFacts } from './facts';

/*
 * The facts as columns of small numbers, built once per set of facts (one position) and shared by
 * every query at it: a query then walks typed arrays instead of objects and strings, and allocates
 * nothing per pathway. Only a faster way to the same figures: each code stands for exactly one
 * string of the facts, and days keep their order as strings (a day's number is its rank among all
 * days of the facts), so every comparison and grouping comes out as on the strings themselves.
 */

/** The outcome dimension's values: the outcomes, and `none` for a pathway that has not ended. */
export const OUTCOME_VALUES = [...OUTCOMES, 'none'] as const;

/**
 * Strings as numbers: the vocabulary's values first (code = index in it, so a code below
 * `known` is a value of the dimension), then every other string met, so that distinct strings stay distinct.
 */
class Codes {
  readonly values: string[];
  private readonly index = new Map<string, number>();
  constructor(readonly known: readonly string[]) {
    this.values = [...known];
    known.forEach((value, i) => this.index.set(value, i));
  }
  /** The code of a value, −1 for one never met. */
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
  of(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }
}

/** Every day the facts mention, sorted as strings; a day's rank stands for the day. */
export class DayScale {
  private readonly rankOf = new Map<string, number>();
  /** Each day's quarter and year, worked out once. */
  readonly quarters: readonly string[];
  readonly years: readonly string[];
  constructor(readonly days: readonly string[]) {
    days.forEach((day, i) => this.rankOf.set(day, i));
    this.quarters = days.map(quarterOf);
    this.years = days.map(yearOf);
  }
  rank(day: string): number {
    return this.rankOf.get(day)!;
  }
  /** The first rank whose day is on or after `day` (`days.length` if none): `rank >= atOrAfter(d)` ⇔ `day >= d`. */
  atOrAfter(day: string | undefined): number {
    if (day === undefined) return 0;
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The last rank whose day is on or before `day` (−1 if none): `rank <= atOrBefore(d)` ⇔ `day <= d`. */
  atOrBefore(day: string | undefined): number {
    if (day === undefined) return this.days.length - 1;
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

export const PATHWAY_STATUS_CODES = { active: 0, completed: 1, aborted: 2 } as const;

export interface PathwayColumns {
  count: number;
  kind: Int32Array;
  jurisdiction: Int32Array;
  residenceStatus: Int32Array;
  ageBand: Int32Array;
  /** The outcome's code in OUTCOME_VALUES (`none` while the pathway runs). */
  outcome: Int32Array;
  /** Index in `municipalities`. */
  municipality: Int32Array;
  status: Int32Array;
  /** Day ranks; `end` −1 while the pathway runs. */
  start: Int32Array;
  end: Int32Array;
  duration: Float64Array;
  /** Ended in training, work or school. */
  transition: Uint8Array;
  person: Int32Array;
}

export interface FactColumns {
  days: DayScale;
  /** The code lists (vocabulary first, then any other string met). */
  codes: { kind: Codes; jurisdiction: Codes; residenceStatus: Codes; ageBand: Codes; outcome: Codes };
  /** The municipalities of the pathways, sorted. */
  municipalities: string[];
  /** The municipalities of the persons and the offers, sorted: the needs analysis's. */
  needsMunicipalities: string[];
  pathways: PathwayColumns;
  /** The pathways of each person: `byPerson.slice(personStart[p], personStart[p + 1])` are indices into `pathways`. */
  personStart: Int32Array;
  byPerson: Int32Array;
  /** Every case step: its kind's code in `stepKinds`, its day's rank and its pathway's municipality. */
  steps: { count: number; kind: Int32Array; day: Int32Array; municipality: Int32Array; kinds: Codes };
}

const TRANSITIONS: readonly string[] = ['training_place', 'employment', 'school'];

const build = (facts: StatisticsFacts): FactColumns => {
  const { pathways } = facts;
  const n = pathways.length;
  const daySet = new Set<string>();
  const municipalitySet = new Set<string>();
  let steps = 0;
  for (const p of pathways) {
    daySet.add(p.start);
    if (p.endedOn !== undefined) daySet.add(p.endedOn);
    municipalitySet.add(p.municipality);
    steps += p.steps.length;
    for (const step of p.steps) daySet.add(step[1]);
  }
  const days = new DayScale([...daySet].sort());
  const municipalities = [...municipalitySet].sort();
  const municipalityOf = new Map(municipalities.map((m, i) => [m, i]));
  const codes = {
    kind: new Codes(PATHWAY_KINDS),
    jurisdiction: new Codes(JURISDICTIONS),
    residenceStatus: new Codes(RESIDENCE_STATUSES),
    ageBand: new Codes(AGE_BANDS),
    outcome: new Codes(OUTCOME_VALUES),
  };
  const columns: PathwayColumns = {
    count: n,
    kind: new Int32Array(n),
    jurisdiction: new Int32Array(n),
    residenceStatus: new Int32Array(n),
    ageBand: new Int32Array(n),
    outcome: new Int32Array(n),
    municipality: new Int32Array(n),
    status: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    duration: new Float64Array(n),
    transition: new Uint8Array(n),
    person: new Int32Array(n),
  };
  const stepColumns = {
    count: steps,
    kind: new Int32Array(steps),
    day: new Int32Array(steps),
    municipality: new Int32Array(steps),
    kinds: new Codes([]),
  };
  let maxPerson = -1;
  let s = 0;
  pathways.forEach((p, i) => {
    columns.kind[i] = codes.kind.of(p.kind);
    columns.jurisdiction[i] = codes.jurisdiction.of(p.jurisdiction);
    columns.residenceStatus[i] = codes.residenceStatus.of(p.residenceStatus);
    columns.ageBand[i] = codes.ageBand.of(p.ageBand);
    columns.outcome[i] = codes.outcome.of(p.outcome ?? 'none');
    columns.municipality[i] = municipalityOf.get(p.municipality)!;
    columns.status[i] = PATHWAY_STATUS_CODES[p.status] ?? -1;
    columns.start[i] = days.rank(p.start);
    columns.end[i] = p.endedOn === undefined ? -1 : days.rank(p.endedOn);
    columns.duration[i] = p.durationDays ?? 0;
    columns.transition[i] = TRANSITIONS.includes(p.outcome ?? '') ? 1 : 0;
    columns.person[i] = p.person;
    if (p.person > maxPerson) maxPerson = p.person;
    for (const [kind, day] of p.steps) {
      stepColumns.kind[s] = stepColumns.kinds.of(kind);
      stepColumns.day[s] = days.rank(day);
      stepColumns.municipality[s] = columns.municipality[i];
      s++;
    }
  });
  // Pathways by person (counting sort), for the questions asked per person.
  const personStart = new Int32Array(maxPerson + 2);
  for (let i = 0; i < n; i++) personStart[columns.person[i] + 1]++;
  for (let p = 0; p <= maxPerson; p++) personStart[p + 1] += personStart[p];
  const byPerson = new Int32Array(n);
  const next = personStart.slice(0, maxPerson + 1);
  for (let i = 0; i < n; i++) byPerson[next[columns.person[i]]++] = i;
  const needsMunicipalities = [...new Set([...facts.persons, ...facts.offers].map((f) => f.municipality))].sort();
  return { days, codes, municipalities, needsMunicipalities, pathways: columns, personStart, byPerson, steps: stepColumns };
};

const built = new WeakMap<StatisticsFacts, FactColumns>();

/** The columns of these facts, built on first use and kept as long as the facts are. */
export const factColumnsOf = (facts: StatisticsFacts): FactColumns => {
  let columns = built.get(facts);
  if (!columns) {
    columns = build(facts);
    built.set(facts, columns);
  }
  return columns;
};

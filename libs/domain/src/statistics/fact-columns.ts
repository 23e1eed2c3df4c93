import { CaseStepKind, JURISDICTIONS, OUTCOMES, PATHWAY_KINDS, RESIDENCE_STATUSES } from '../kernel/vocabulary';
import { AGE_BANDS } from './age-band';
import { quarterOf, yearOf } from './calendar';
import { CaseStepsOfDay, PathwayFact, StatisticsFacts } from './facts';

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
  /** A copy that numbers further values without changing this one's. */
  copy(): Codes {
    const copy = new Codes(this.known);
    for (const value of this.values.slice(this.known.length)) copy.of(value);
    return copy;
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
  /** A day's rank (undefined for a day not on the scale). */
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
  /**
   * The case steps, `count` rows of them: each row's kind (its code in `kinds`), day rank, pathway's municipality
   * and how many steps it stands for (`tally`).
   */
  steps: { count: number; kind: Int32Array; day: Int32Array; municipality: Int32Array; tally: Int32Array; kinds: Codes };
}

const TRANSITIONS: readonly string[] = ['training_place', 'employment', 'school'];

type ColumnCodes = FactColumns['codes'];

const pathwayColumns = (n: number): PathwayColumns => ({
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
});

/** Pathway i's figures written into row i of the columns. */
const writePathway = (
  columns: PathwayColumns,
  i: number,
  p: PathwayFact,
  codes: ColumnCodes,
  days: DayScale,
  municipalityOf: ReadonlyMap<string, number>,
): void => {
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
};

type StepColumns = FactColumns['steps'];

const stepColumns = (count: number, kinds: Codes): StepColumns => ({
  count,
  kind: new Int32Array(count),
  day: new Int32Array(count),
  municipality: new Int32Array(count),
  tally: new Int32Array(count),
  kinds,
});

/** Case steps of a day by kind written from row `s` of the step columns on, a row per kind; the row after the last. */
const writeSteps = (
  steps: StepColumns,
  s: number,
  counts: readonly (readonly [CaseStepKind, number])[],
  day: number,
  municipality: number,
): number => {
  for (const [kind, count] of counts) {
    steps.kind[s] = steps.kinds.of(kind);
    steps.day[s] = day;
    steps.municipality[s] = municipality;
    steps.tally[s] = count;
    s++;
  }
  return s;
};

/** The case steps by kind that `fact` holds beyond `before`; undefined if it holds fewer of one (no appended row follows that). */
const stepsAdded = (fact: CaseStepsOfDay, before: CaseStepsOfDay | undefined): [CaseStepKind, number][] | undefined => {
  const added: [CaseStepKind, number][] = [];
  for (const [kind, count] of fact.counts) {
    const more = count - (before?.counts.find(([k]) => k === kind)?.[1] ?? 0);
    if (more < 0) return undefined;
    if (more > 0) added.push([kind, more]);
  }
  return before && before.counts.some(([kind]) => !fact.counts.some(([k]) => k === kind)) ? undefined : added;
};

/** Pathways by person (counting sort), for the questions asked per person. */
const byPersonOf = (person: Int32Array): Pick<FactColumns, 'personStart' | 'byPerson'> => {
  const n = person.length;
  let maxPerson = -1;
  for (let i = 0; i < n; i++) if (person[i] > maxPerson) maxPerson = person[i];
  const personStart = new Int32Array(maxPerson + 2);
  for (let i = 0; i < n; i++) personStart[person[i] + 1]++;
  for (let p = 0; p <= maxPerson; p++) personStart[p + 1] += personStart[p];
  const byPerson = new Int32Array(n);
  const next = personStart.slice(0, maxPerson + 1);
  for (let i = 0; i < n; i++) byPerson[next[person[i]]++] = i;
  return { personStart, byPerson };
};

const needsMunicipalitiesOf = (facts: StatisticsFacts): string[] =>
  [...new Set([...facts.persons, ...facts.offers].map((f) => f.municipality))].sort();

const build = (facts: StatisticsFacts): FactColumns => {
  const { pathways } = facts;
  const n = pathways.length;
  const daySet = new Set<string>();
  const municipalitySet = new Set<string>();
  let stepCount = 0;
  for (const p of pathways) {
    daySet.add(p.start);
    if (p.endedOn !== undefined) daySet.add(p.endedOn);
    municipalitySet.add(p.municipality);
    for (const day of p.steps) {
      daySet.add(day.on);
      stepCount += day.counts.length;
    }
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
  const columns = pathwayColumns(n);
  const steps = stepColumns(stepCount, new Codes([]));
  let s = 0;
  pathways.forEach((p, i) => {
    writePathway(columns, i, p, codes, days, municipalityOf);
    for (const day of p.steps) s = writeSteps(steps, s, day.counts, days.rank(day.on), columns.municipality[i]);
  });
  return {
    days,
    codes,
    municipalities,
    needsMunicipalities: needsMunicipalitiesOf(facts),
    pathways: columns,
    ...byPersonOf(columns.person),
    steps,
  };
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

/** What changed from one set of facts to the next, which keeps every unchanged fact at its index. */
export interface FactsChange {
  /** Indices of pathways added (at the end) or replaced. */
  pathways: ReadonlySet<number>;
  /** Whether a pathway was added or changed in anything but its case steps: what the pathway tables count by. */
  pathwayFigures: boolean;
  persons: boolean;
  offers: boolean;
  guardDecisions: boolean;
}

/** The day scale with the days it lacks added, and each old rank's new rank (none when nothing was added). */
const widenedDays = (days: DayScale, wanted: Iterable<string>): { days: DayScale; remap?: Int32Array } => {
  const missing = new Set<string>();
  for (const day of wanted) if (days.rank(day) === undefined) missing.add(day);
  if (missing.size === 0) return { days };
  const wider = new DayScale([...days.days, ...missing].sort());
  return { days: wider, remap: Int32Array.from(days.days, (day) => wider.rank(day)) };
};

const remapped = (ranks: Int32Array, remap: Int32Array | undefined, length: number): Int32Array => {
  const out = new Int32Array(length);
  if (!remap) out.set(ranks);
  else for (let i = 0; i < ranks.length; i++) out[i] = ranks[i] < 0 ? ranks[i] : remap[ranks[i]];
  return out;
};

/** The pathways' rows copied into columns for `n` pathways, their day ranks renumbered. */
const copiedRows = (o: PathwayColumns, n: number, remap: Int32Array | undefined): PathwayColumns => {
  const columns: PathwayColumns = { ...o, count: n, start: remapped(o.start, remap, n), end: remapped(o.end, remap, n) };
  for (const name of ['kind', 'jurisdiction', 'residenceStatus', 'ageBand', 'outcome', 'municipality', 'status', 'person'] as const) {
    columns[name] = new Int32Array(n);
    columns[name].set(o[name]);
  }
  columns.duration = new Float64Array(n);
  columns.duration.set(o.duration);
  columns.transition = new Uint8Array(n);
  columns.transition.set(o.transition);
  return columns;
};

/** Step columns whose rows past their count another position's columns already write into. */
const extended = new WeakSet<StepColumns>();

/**
 * The case steps with room for `added` more after the old ones. The arrays keep spare room, so new
 * steps are written past the previous position's count into the same arrays, which it never reads;
 * each position's arrays are extended once (by the next position), else copied, as when days were renumbered.
 */
const appendableSteps = (old: StepColumns, added: number, remap: Int32Array | undefined): StepColumns => {
  const count = old.count + added;
  if (!remap && !extended.has(old) && old.kind.length >= count) {
    extended.add(old);
    return { ...old, count, kinds: old.kinds.copy() };
  }
  const capacity = Math.ceil(count * 1.25) + 1024;
  const steps = { ...stepColumns(capacity, old.kinds.copy()), count };
  steps.kind.set(old.kind.subarray(0, old.count));
  steps.day.set(remapped(old.day.subarray(0, old.count), remap, old.count));
  steps.municipality.set(old.municipality.subarray(0, old.count));
  steps.tally.set(old.tally.subarray(0, old.count));
  return steps;
};

/**
 * The columns of `next` from those of `previous` (if they were built) and what changed between
 * them: the rows of the changed pathways written anew, new case steps appended (a day's further
 * steps as rows of their own), days added to the scale (old ranks renumbered), the rest copied, so
 * that a few new events cost a few copies of the arrays rather than a build. The columns count as a
 * build's would but for the order and split of the case-step rows and the codes of strings outside
 * the vocabulary, which no figure depends on. A change no copy can follow (a pathway moved to another
 * municipality, a new municipality, case steps that are fewer than before) leaves the columns to be
 * built on first use.
 */
export const carryFactColumns = (previous: StatisticsFacts, next: StatisticsFacts, change: FactsChange): void => {
  const old = built.get(previous);
  if (!old) return;
  const n = next.pathways.length;
  const municipalityOf = new Map(old.municipalities.map((m, i) => [m, i]));
  const wanted: string[] = [];
  const newSteps: { pathway: number; on: string; added: [CaseStepKind, number][] }[] = [];
  let added = 0;
  for (const i of change.pathways) {
    const p = next.pathways[i];
    const before = i < previous.pathways.length ? previous.pathways[i] : undefined;
    if (!municipalityOf.has(p.municipality) || (before && before.municipality !== p.municipality)) return;
    wanted.push(p.start, ...(p.endedOn === undefined ? [] : [p.endedOn]));
    if (before?.steps === p.steps) continue;
    if (before && before.steps.some((old) => !p.steps.some((day) => day.on === old.on))) return;
    for (const [k, day] of p.steps.entries()) {
      if (before && before.steps[k] === day) continue;
      const more = stepsAdded(
        day,
        before?.steps.find((old) => old.on === day.on),
      );
      if (!more) return;
      newSteps.push({ pathway: i, on: day.on, added: more });
      added += more.length;
      wanted.push(day.on);
    }
  }
  const { days, remap } = widenedDays(old.days, wanted);
  const codes = {
    kind: old.codes.kind.copy(),
    jurisdiction: old.codes.jurisdiction.copy(),
    residenceStatus: old.codes.residenceStatus.copy(),
    ageBand: old.codes.ageBand.copy(),
    outcome: old.codes.outcome.copy(),
  };
  const o = old.pathways;
  // Only case steps added: the pathways' rows stay as they are, shared with the previous position.
  const sameRows = !change.pathwayFigures && !remap;
  const columns: PathwayColumns = sameRows ? o : copiedRows(o, n, remap);
  const steps = appendableSteps(old.steps, added, remap);
  if (!sameRows) for (const i of change.pathways) writePathway(columns, i, next.pathways[i], codes, days, municipalityOf);
  let s = old.steps.count;
  for (const { pathway, on, added } of newSteps) s = writeSteps(steps, s, added, days.rank(on), columns.municipality[pathway]);
  built.set(next, {
    days,
    codes,
    municipalities: old.municipalities,
    needsMunicipalities: change.persons || change.offers ? needsMunicipalitiesOf(next) : old.needsMunicipalities,
    pathways: columns,
    ...(sameRows ? { personStart: old.personStart, byPerson: old.byPerson } : byPersonOf(columns.person)),
    steps,
  });
};

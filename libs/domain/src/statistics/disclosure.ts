import { RawEntry, RawTable, StatisticsCell, StatisticsTable } from './table';

/**
 * Disclosure control: the one module every statistics output passes through (JSON, CSV, stored
 * reports, the page), so that no published figure lets anyone single out a person.
 *
 * - primary: a count from 1 to k−1 is suppressed (k = STATISTICS_MIN_CELL, 3 to 20, default 5);
 * - secondary: every published equation of a table — the cells of a row add up to the row total,
 *   of a column to the column total, the row totals and the column totals to the grand total —
 *   holds either no suppressed figure or at least two, so no equation with one unknown gives a
 *   suppressed figure away. Where one stands alone, the smallest non-zero published cell of that
 *   equation is suppressed as well, or, if the equation has none, its total; repeated until
 *   every equation is settled;
 * - rates, shares and medians are published only where they rest on at least 10 cases;
 * - a true zero is never suppressed: it gives nobody away, and a `*` in its place would hide
 *   that an offer reaches nobody.
 *
 * The choice of the companion depends only on the figures and on each cell's canonical name (its
 * dimensions sorted by name), never on which dimension a request put into the rows: the same table
 * grouped `kind,jurisdiction` or `jurisdiction,kind` is suppressed cell by cell the same, and an
 * output computed at the same log position from the same query is suppressed identically in the
 * JSON, the CSV, a stored report and its reproduction.
 */

export const MIN_DENOMINATOR = 10;
export const MIN_CELL_DEFAULT = 5;
export const MIN_CELL_RANGE = { min: 3, max: 20 } as const;

export interface DisclosureRule {
  /** k: counts from 1 to k−1 are suppressed. */
  minCell: number;
  /** Rates and medians need at least this many cases. */
  minDenominator: number;
}

export const disclosureRule = (minCell: number = MIN_CELL_DEFAULT): DisclosureRule => {
  if (!Number.isInteger(minCell) || minCell < MIN_CELL_RANGE.min || minCell > MIN_CELL_RANGE.max)
    throw new RangeError(
      `the minimum cell size must be a whole number from ${MIN_CELL_RANGE.min} to ${MIN_CELL_RANGE.max}, not ${minCell}`,
    );
  return { minCell, minDenominator: MIN_DENOMINATOR };
};

/** The rule in words, as every answer and every CSV states it. */
export const describeRule = (rule: DisclosureRule): string =>
  `k=${rule.minCell}: counts from 1 to ${rule.minCell - 1} suppressed (*), and further cells where a row, column or total would give one away; ` +
  `rates and medians only with at least ${rule.minDenominator} cases; zeros shown`;

/** A cell's name independent of the order of its dimensions. */
export const canonicalKey = (keys: Record<string, string>): string =>
  Object.keys(keys)
    .sort()
    .map((name) => `${name}=${keys[name]}`)
    .join('&');

interface Equation {
  members: RawEntry[];
  margin: RawEntry;
  /** 0: cells against a row or column total; 1: the totals against the grand total. Settled in this order. */
  level: number;
  /** Sorts the equations by what they mean, not by where they stand in the table. */
  order: string;
}

/** The equations a reader can write down from a published table. */
export const equationsOf = (table: RawTable): Equation[] => {
  const equation = (members: RawEntry[], margin: RawEntry, level = 0): Equation => ({
    members,
    margin,
    level,
    order: `${canonicalKey(margin.keys)}|${members
      .map((m) => canonicalKey(m.keys))
      .sort()
      .join('|')}`,
  });
  if (table.cells.length === 0) return [];
  if (table.columnDimension === null) return [equation(table.cells, table.total)];
  const width = table.columns.length;
  const equations = table.rowTotals.map((rowTotal, r) => equation(table.cells.slice(r * width, (r + 1) * width), rowTotal));
  table.columnTotals.forEach((columnTotal, c) =>
    equations.push(
      equation(
        table.rowTotals.map((_, r) => table.cells[r * width + c]),
        columnTotal,
      ),
    ),
  );
  equations.push(equation(table.rowTotals, table.total, 1), equation(table.columnTotals, table.total, 1));
  return equations.sort((a, b) => a.level - b.level || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
};

const byValueThenName = (a: RawEntry, b: RawEntry): number => {
  if (a.value !== b.value) return a.value - b.value;
  const ka = canonicalKey(a.keys);
  const kb = canonicalKey(b.keys);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The entries of a count table to suppress: primary first, then companions until every equation holds none or two or more. */
export const suppressionOf = (table: RawTable, rule: DisclosureRule): Set<RawEntry> => {
  const entries = [...table.cells, ...table.rowTotals, ...table.columnTotals, table.total];
  const suppressed = new Set(entries.filter((entry) => entry.value > 0 && entry.value < rule.minCell));
  const equations = equationsOf(table);
  // Settle the first equation (in the order above) that has exactly one unknown, then start over: the cells'
  // rows and columns come before the totals, so a companion chosen there often settles a total's equation too.
  for (;;) {
    const open = equations.find(
      ({ members, margin }) => members.filter((m) => suppressed.has(m)).length + (suppressed.has(margin) ? 1 : 0) === 1,
    );
    if (!open) return suppressed;
    const { members, margin } = open;
    // A published margin with one suppressed member always leaves a non-zero published member, or the margin itself.
    const companion = members.filter((m) => !suppressed.has(m) && m.value > 0).sort(byValueThenName)[0] ?? margin;
    suppressed.add(companion);
  }
};

const published = (entry: RawEntry, suppressed: boolean): StatisticsCell => ({
  keys: entry.keys,
  value: suppressed ? null : entry.value,
  suppressed,
});

/** Decides suppression for a whole family of tables at once (see suppression-universe.ts); `slice` adds a filter's keys. */
export interface SharedSuppression {
  universe: { isSuppressed(keys: Record<string, string>): boolean };
  slice?: Record<string, string>;
}

/**
 * The table as it may be published under `rule`. A count table is protected on its own equations,
 * or, with `shared`, by the one decision for every grouping its figures also appear in.
 */
export const protect = (table: RawTable, rule: DisclosureRule, shared?: SharedSuppression): StatisticsTable => {
  let isSuppressed: (entry: RawEntry) => boolean;
  if (table.measure === 'count' && shared) {
    isSuppressed = (entry) => shared.universe.isSuppressed({ ...shared.slice, ...entry.keys });
  } else if (table.measure === 'count') {
    const suppressed = suppressionOf(table, rule);
    isSuppressed = (entry) => suppressed.has(entry);
  } else if (table.measure === 'rate') {
    // No cases at all is no figure to hide; one to nine cases are too few to publish a rate of.
    isSuppressed = (entry) => entry.denominator !== undefined && entry.denominator > 0 && entry.denominator < rule.minDenominator;
  } else {
    isSuppressed = () => false;
  }
  const out = (entry: RawEntry) => published(entry, isSuppressed(entry));
  return {
    name: table.name,
    measure: table.measure,
    rowDimensions: table.rowDimensions,
    columnDimension: table.columnDimension,
    columns: table.columns,
    cells: table.cells.map(out),
    rowTotals: table.rowTotals.map(out),
    columnTotals: table.columnTotals.map(out),
    total: out(table.total),
  };
};

/**
 * A table derived cell by cell from a protected count table (e.g. the gap between people and free
 * places): suppressed wherever the count it is computed from is, so the count cannot be worked back.
 */
export const suppressLike = (derived: RawTable, source: StatisticsTable): StatisticsTable => {
  const hidden = new Set(
    [...source.cells, ...source.rowTotals, ...source.columnTotals, source.total]
      .filter((c) => c.suppressed)
      .map((c) => canonicalKey(c.keys)),
  );
  const out = (entry: RawEntry): StatisticsCell => published(entry, hidden.has(canonicalKey(entry.keys)));
  return {
    name: derived.name,
    measure: derived.measure,
    rowDimensions: derived.rowDimensions,
    columnDimension: derived.columnDimension,
    columns: derived.columns,
    cells: derived.cells.map(out),
    rowTotals: derived.rowTotals.map(out),
    columnTotals: derived.columnTotals.map(out),
    total: out(derived.total),
  };
};

/**
 * Tables as the statistics publish them: cells by the values of their dimensions, with row and
 * column totals. Rows are every combination of the leading dimensions, columns the values of the
 * last one (when there are two or more); a table of one dimension has cells and a total only.
 */

export interface Dimension {
  name: string;
  values: readonly string[];
}

/**
 * `count`: people or pathways, protected by the k rule and secondary suppression; `rate`: a share
 * or a median, published only with enough cases behind it; `public`: figures that count no person
 * (an offer's places), published as they are.
 */
export type TableMeasure = 'count' | 'rate' | 'public';

/** One figure before disclosure control: its value, and for a rate how many cases it rests on. */
export interface RawEntry {
  keys: Record<string, string>;
  value: number;
  denominator?: number;
}

export interface RawTable {
  name: string;
  measure: TableMeasure;
  rowDimensions: string[];
  columnDimension: string | null;
  columns: string[];
  cells: RawEntry[];
  rowTotals: RawEntry[];
  columnTotals: RawEntry[];
  total: RawEntry;
}

/** A published figure: a suppressed one has no value. */
export interface StatisticsCell {
  keys: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}

export interface StatisticsTable {
  name: string;
  measure: TableMeasure;
  rowDimensions: string[];
  columnDimension: string | null;
  columns: string[];
  cells: StatisticsCell[];
  rowTotals: StatisticsCell[];
  columnTotals: StatisticsCell[];
  total: StatisticsCell;
}

export interface TableItem<T> {
  /** The item's value of each dimension, in the dimensions' order. */
  keys: readonly string[];
  datum: T;
}

const cross = (dimensions: readonly Dimension[]): string[][] =>
  dimensions.reduce<string[][]>((rows, dim) => rows.flatMap((row) => dim.values.map((value) => [...row, value])), [[]]);

const keysOf = (dimensions: readonly Dimension[], values: readonly string[]): Record<string, string> =>
  Object.fromEntries(dimensions.map((dim, i) => [dim.name, values[i]]));

/**
 * The layout of every table: cell c is the c-th combination of the dimensions' values (the last
 * dimension varying fastest), and every entry is aggregated from the cells it covers — a cell
 * alone, the cells of a row or of a column, all of them for the total. A query that keeps its
 * figures per cell (counts, shares in typed arrays) aggregates them here without looking at an
 * item again; `tabulate` hands it the items of each cell.
 */
export const tabulateCells = (
  name: string,
  measure: TableMeasure,
  dimensions: readonly Dimension[],
  aggregate: (cells: readonly number[]) => { value: number; denominator?: number },
): RawTable => {
  const entry = (keys: Record<string, string>, cells: readonly number[]): RawEntry => ({ keys, ...aggregate(cells) });
  const size = dimensions.reduce((product, dim) => product * dim.values.length, 1);
  const all = Array.from({ length: size }, (_, c) => c);
  const total = entry({}, all);
  if (dimensions.length === 0)
    return { name, measure, rowDimensions: [], columnDimension: null, columns: [], cells: [], rowTotals: [], columnTotals: [], total };
  if (dimensions.length === 1) {
    const [dim] = dimensions;
    const cells = dim.values.map((value, c) => entry({ [dim.name]: value }, [c]));
    return { name, measure, rowDimensions: [dim.name], columnDimension: null, columns: [], cells, rowTotals: [], columnTotals: [], total };
  }
  const rowDims = dimensions.slice(0, -1);
  const columnDim = dimensions[dimensions.length - 1];
  const width = columnDim.values.length;
  const cells: RawEntry[] = [];
  const rowTotals: RawEntry[] = [];
  cross(rowDims).forEach((row, r) => {
    const rowCells: number[] = [];
    columnDim.values.forEach((column, c) => {
      cells.push(entry(keysOf(dimensions, [...row, column]), [r * width + c]));
      rowCells.push(r * width + c);
    });
    rowTotals.push(entry(keysOf(rowDims, row), rowCells));
  });
  const rows = width === 0 ? 0 : size / width;
  const columnTotals = columnDim.values.map((value, c) =>
    entry(
      { [columnDim.name]: value },
      Array.from({ length: rows }, (_, r) => r * width + c),
    ),
  );
  return {
    name,
    measure,
    rowDimensions: rowDims.map((dim) => dim.name),
    columnDimension: columnDim.name,
    columns: [...columnDim.values],
    cells,
    rowTotals,
    columnTotals,
    total,
  };
};

/**
 * Groups `items` by their keys and aggregates every cell, row, column and the total from the
 * items in it: a count is the number of items, a rate the share or median of their data.
 * Items with a value outside a dimension's values are in no cell, so not counted anywhere (nor in the total).
 */
export const tabulate = <T>(
  name: string,
  measure: TableMeasure,
  dimensions: readonly Dimension[],
  items: readonly TableItem<T>[],
  aggregate: (data: readonly T[]) => { value: number; denominator?: number },
): RawTable => {
  const index = dimensions.map((dim) => new Map(dim.values.map((value, i) => [value, i])));
  const buckets = Array.from({ length: dimensions.reduce((product, dim) => product * dim.values.length, 1) }, () => [] as T[]);
  for (const item of items) {
    let cell = 0;
    for (let k = 0; k < dimensions.length && cell >= 0; k++) {
      const i = index[k].get(item.keys[k]);
      cell = i === undefined ? -1 : cell * dimensions[k].values.length + i;
    }
    if (cell >= 0) buckets[cell].push(item.datum);
  }
  return tabulateCells(name, measure, dimensions, (cells) =>
    aggregate(cells.length === 1 ? buckets[cells[0]] : cells.flatMap((c) => buckets[c])),
  );
};

export const count = (data: readonly unknown[]) => ({ value: data.length });

/** A share in percent with one decimal, of the data that are `true`. */
export const share = (data: readonly boolean[]) => ({
  value: data.length === 0 ? 0 : Math.round((1000 * data.filter(Boolean).length) / data.length) / 10,
  denominator: data.length,
});

/** The median with one decimal (the mean of the two middle values for an even number). */
export const median = (data: readonly number[]) => {
  if (data.length === 0) return { value: 0, denominator: 0 };
  const sorted = [...data].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { value: Math.round(value * 10) / 10, denominator: data.length };
};

export const sum = (data: readonly number[]) => ({ value: data.reduce((a, b) => a + b, 0) });

/** Sums a count per cell over the cells an entry covers. */
export const countOfCells =
  (counts: ArrayLike<number>) =>
  (cells: readonly number[]): { value: number } => {
    let value = 0;
    for (const c of cells) value += counts[c];
    return { value };
  };

/** `share` from a count of `true` and of all data per cell. */
export const shareOfCells =
  (trues: ArrayLike<number>, counts: ArrayLike<number>) =>
  (cells: readonly number[]): { value: number; denominator: number } => {
    let yes = 0;
    let all = 0;
    for (const c of cells) {
      yes += trues[c];
      all += counts[c];
    }
    return { value: all === 0 ? 0 : Math.round((1000 * yes) / all) / 10, denominator: all };
  };

import { DisclosureRule } from './disclosure';
import { Dimension } from './table';

/*
 * Consistent secondary suppression across every grouping of one measure at one position.
 *
 * A figure is the same figure wherever it is published: the started coaching pathways of Neuss in
 * 2026 are one cell, whether a table groups by kind (filtered to Neuss), by kind and municipality,
 * or shows them as a row total of kind × jurisdiction. If one table published it and another
 * suppressed it, the first would undo the second. So suppression is not decided per table but once
 * for the whole universe of tables a query may ask for — every set of up to three dimensions,
 * and every such set sliced by one municipality (a filter) — over every equation one of them
 * publishes: a row or a column against its total (sums over one dimension, or over two for a
 * three-way table's columns) and the totals against the grand total. Each figure then has one
 * status, and every table, export and report computed at the same position shows it.
 */

const SLICE_DIMENSION = 'municipality';

interface Table {
  dims: number[];
  strides: number[];
  offset: number;
}

export interface SuppressionUniverse {
  /** Whether the figure with these keys (a filter's municipality included) is suppressed. */
  isSuppressed(keys: Record<string, string>): boolean;
}

const subsetsOf = (items: number[], maxSize: number): number[][] => {
  const out: number[][] = [[]];
  for (const item of items) for (const subset of [...out]) if (subset.length < maxSize) out.push([...subset, item]);
  return out.map((s) => s.sort((a, b) => a - b));
};

/** A binary min-heap of equation numbers; a smaller number is settled first. */
class Heap {
  private readonly items: number[] = [];
  push(value: number): void {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The suppression of every figure of every grouping (up to `maxDims` dimensions, plus a municipality slice) of the items.
 * `items[i][d]` is item i's value of dimension d; values outside a dimension's list are not counted.
 */
export const suppressionUniverse = (
  dimensions: readonly Dimension[],
  items: readonly (readonly string[])[],
  maxDims: number,
  rule: DisclosureRule,
): SuppressionUniverse => {
  const valueIndex = dimensions.map((d) => new Map(d.values.map((v, i) => [v, i])));
  // Items as value numbers per dimension, those with an unknown value left out.
  const columns = dimensions.map(() => [] as number[]);
  for (const item of items) {
    const indices = item.map((value, d) => valueIndex[d].get(value));
    if (indices.some((i) => i === undefined)) continue;
    indices.forEach((i, d) => columns[d].push(i!));
  }
  return suppressionUniverseOfCodes(dimensions, columns, columns[0]?.length ?? items.length, maxDims, rule);
};

/**
 * The same from items already numbered: `columns[d][i]` is item i's index in dimension d's values
 * (every item known in every dimension), `n` the number of items.
 */
export const suppressionUniverseOfCodes = (
  dimensions: readonly Dimension[],
  columns: readonly ArrayLike<number>[],
  n: number,
  maxDims: number,
  rule: DisclosureRule,
): SuppressionUniverse => {
  const dimIndex = new Map(dimensions.map((d, i) => [d.name, i]));
  const valueIndex = dimensions.map((d) => new Map(d.values.map((v, i) => [v, i])));
  const slice = dimIndex.get(SLICE_DIMENSION);

  // The tables: every set of up to maxDims dimensions, and those sets with the municipality added.
  const all = dimensions.map((_, i) => i);
  const sets = subsetsOf(all, maxDims);
  if (slice !== undefined)
    for (const set of subsetsOf(
      all.filter((d) => d !== slice),
      maxDims,
    ))
      if (set.length === maxDims) sets.push([...set, slice].sort((a, b) => a - b));
  const tables: Table[] = [];
  const tableOf = new Map<string, number>();
  let offset = 0;
  for (const dims of sets) {
    const strides: number[] = [];
    let size = 1;
    for (let k = dims.length - 1; k >= 0; k--) {
      strides[k] = size;
      size *= dimensions[dims[k]].values.length;
    }
    tableOf.set(dims.join(','), tables.length);
    tables.push({ dims, strides, offset });
    offset += size;
  }
  const values = new Int32Array(offset);
  // Each table's non-zero cells (relative to its offset), ascending: the equations need no others,
  // and a table of three or four dimensions over few items is mostly zeros.
  const occupied: number[][] = tables.map(() => []);
  tables.forEach((t, tableNumber) => {
    for (let i = 0; i < n; i++) {
      let cell = 0;
      for (let k = 0; k < t.dims.length; k++) cell += columns[t.dims[k]][i] * t.strides[k];
      if (values[t.offset + cell]++ === 0) occupied[tableNumber].push(cell);
    }
    occupied[tableNumber].sort((a, b) => a - b);
  });

  // The equations: for each table, the sums a published table states over one or two of its dimensions
  // (not over all three at once, which no table states), each a margin's cells; a municipality slice sums within itself.
  type Equation = { members: number[]; margin: number; rank: number };
  const equations: Equation[] = [];
  tables.forEach((t, tableNumber) => {
    const own = slice !== undefined && t.dims.length > maxDims ? t.dims.filter((d) => d !== slice) : t.dims;
    for (const summed of subsetsOf(own, 2)) {
      if (summed.length === 0 || (summed.length === own.length && own.length > 2)) continue;
      const kept = t.dims.filter((d) => !summed.includes(d));
      const margin = tables[tableOf.get(kept.join(','))!];
      const keptStrides = kept.map((d) => t.strides[t.dims.indexOf(d)]);
      const keptSizes = kept.map((d) => dimensions[d].values.length);
      const groups = new Map<number, number[]>();
      for (const cell of occupied[tableNumber]) {
        let m = margin.offset;
        for (let k = 0; k < kept.length; k++) m += (Math.floor(cell / keptStrides[k]) % keptSizes[k]) * margin.strides[k];
        const group = groups.get(m);
        if (group) group.push(t.offset + cell);
        else groups.set(m, [t.offset + cell]);
      }
      for (const [m, members] of [...groups].sort((a, b) => a[0] - b[0]))
        equations.push({ members, margin: m, rank: summed.length * 1_000_000 - t.dims.length * 10_000 + tableNumber });
    }
  });
  // Rows and columns of the largest tables first, then the totals: a companion chosen in a row often settles a total too.
  equations.sort((a, b) => a.rank - b.rank);

  const suppressed = new Uint8Array(offset);
  tables.forEach((t, tableNumber) => {
    for (const cell of occupied[tableNumber]) if (values[t.offset + cell] < rule.minCell) suppressed[t.offset + cell] = 1;
  });
  const equationsOf = new Map<number, number[]>();
  const unknowns = new Int32Array(equations.length);
  equations.forEach((eq, e) => {
    for (const entry of [...eq.members, eq.margin]) {
      const list = equationsOf.get(entry);
      if (list) list.push(e);
      else equationsOf.set(entry, [e]);
      if (suppressed[entry]) unknowns[e]++;
    }
  });
  const heap = new Heap();
  unknowns.forEach((u, e) => u === 1 && heap.push(e));
  for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
    if (unknowns[e] !== 1) continue;
    const { members, margin } = equations[e];
    let companion = -1;
    for (const m of members) if (!suppressed[m] && (companion < 0 || values[m] < values[companion])) companion = m;
    // A published margin with one suppressed member always leaves a non-zero published member, or the margin itself.
    if (companion < 0) companion = margin;
    suppressed[companion] = 1;
    for (const other of equationsOf.get(companion) ?? []) {
      unknowns[other]++;
      if (unknowns[other] === 1) heap.push(other);
    }
  }

  return {
    isSuppressed: (keys) => {
      const dims = Object.keys(keys)
        .map((name) => dimIndex.get(name))
        .filter((d): d is number => d !== undefined)
        .sort((a, b) => a - b);
      const number = tableOf.get(dims.join(','));
      if (number === undefined) return false;
      const t = tables[number];
      let index = t.offset;
      for (let k = 0; k < dims.length; k++) {
        const v = valueIndex[dims[k]].get(keys[dimensions[dims[k]].name]);
        // A value no item has (a municipality without pathways): its figures are zeros, never suppressed.
        if (v === undefined) return false;
        index += v * t.strides[k];
      }
      return suppressed[index] === 1;
    },
  };
};

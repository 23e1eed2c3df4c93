import fc from 'fast-check';
import { canonicalKey, disclosureRule, equationsOf, protect, suppressionOf } from './disclosure';
import { suppressionUniverse } from './suppression-universe';
import { count, RawTable, StatisticsTable, tabulate } from './table';

/** A table of counts from a grid of cell values (rows × columns), through the same tabulation the queries use. */
const tableOf = (grid: number[][], transposed = false): RawTable => {
  const rows = grid.map((_, r) => `r${r}`);
  const columns = grid[0].map((_, c) => `c${c}`);
  const items: { keys: string[]; datum: number }[] = [];
  grid.forEach((row, r) =>
    row.forEach((value, c) => {
      for (let i = 0; i < value; i++) items.push({ keys: transposed ? [columns[c], rows[r]] : [rows[r], columns[c]], datum: 1 });
    }),
  );
  const dims = [
    { name: 'row', values: rows },
    { name: 'column', values: columns },
  ];
  return tabulate('t', 'count', transposed ? [dims[1], dims[0]] : dims, items, count);
};

const patternOf = (table: StatisticsTable): Map<string, boolean> =>
  new Map([...table.cells, ...table.rowTotals, ...table.columnTotals, table.total].map((c) => [canonicalKey(c.keys), c.suppressed]));

const grids = fc.record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) }).chain(({ rows, columns }) =>
  fc.array(
    fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 60 })), {
      minLength: columns,
      maxLength: columns,
    }),
    {
      minLength: rows,
      maxLength: rows,
    },
  ),
);
const ks = fc.integer({ min: 3, max: 20 });

describe('disclosure control', () => {
  it('suppresses counts from 1 to k−1, keeps zeros and larger counts when nothing gives a small one away', () => {
    const table = protect(tableOf([[0, 12, 3, 9]]), disclosureRule(5));
    expect(table.cells.map((c) => c.value)).toEqual([0, 12, null, null]);
    expect(table.cells.map((c) => c.suppressed)).toEqual([false, false, true, true]);
    expect(table.total).toMatchObject({ value: 24, suppressed: false });
  });

  it('suppresses the total when the only other cells are zeros', () => {
    const table = protect(tableOf([[0, 2, 0]]), disclosureRule(5));
    expect(table.cells.map((c) => c.suppressed)).toEqual([false, true, false]);
    expect(table.rowTotals[0]).toMatchObject({ suppressed: true, value: null });
  });

  it('refuses a minimum cell size outside 3 to 20', () => {
    for (const k of [2, 21, 4.5]) expect(() => disclosureRule(k)).toThrow(RangeError);
    expect(disclosureRule()).toEqual({ minCell: 5, minDenominator: 10 });
  });

  it('publishes a rate only with at least 10 cases, and no rate without cases is no secret', () => {
    const raw: RawTable = {
      name: 'r',
      measure: 'rate',
      rowDimensions: ['k'],
      columnDimension: null,
      columns: [],
      cells: [
        { keys: { k: 'a' }, value: 50, denominator: 10 },
        { keys: { k: 'b' }, value: 100, denominator: 9 },
        { keys: { k: 'c' }, value: 0, denominator: 0 },
      ],
      rowTotals: [],
      columnTotals: [],
      total: { keys: {}, value: 73.7, denominator: 19 },
    };
    expect(protect(raw, disclosureRule(5)).cells.map((c) => [c.value, c.suppressed])).toEqual([
      [50, false],
      [null, true],
      [0, false],
    ]);
  });

  it('property: no row, column or total equation with one unknown recovers a suppressed value', () => {
    fc.assert(
      fc.property(grids, ks, (grid, k) => {
        const raw = tableOf(grid);
        const rule = disclosureRule(k);
        const published = protect(raw, rule);
        const value = new Map(
          [...published.cells, ...published.rowTotals, ...published.columnTotals, published.total].map((c) => [canonicalKey(c.keys), c]),
        );
        for (const { members, margin } of equationsOf(raw)) {
          const entries = [...members, margin].map((m) => value.get(canonicalKey(m.keys))!);
          const unknowns = entries.filter((e) => e.suppressed).length;
          expect(unknowns === 0 || unknowns >= 2).toBe(true);
        }
        // Primary: every count from 1 to k−1 is suppressed, every zero shown, no suppressed value leaks.
        const suppressed = suppressionOf(raw, rule);
        for (const entry of [...raw.cells, ...raw.rowTotals, ...raw.columnTotals, raw.total]) {
          const out = value.get(canonicalKey(entry.keys))!;
          if (entry.value > 0 && entry.value < k) expect(out.suppressed).toBe(true);
          if (entry.value === 0) expect(out).toMatchObject({ suppressed: false, value: 0 });
          expect(out.value).toBe(out.suppressed ? null : entry.value);
          expect(suppressed.has(entry)).toBe(out.suppressed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: the same cells are suppressed identically whichever dimension forms the rows, and on every run', () => {
    fc.assert(
      fc.property(grids, ks, (grid, k) => {
        const rule = disclosureRule(k);
        const a = patternOf(protect(tableOf(grid), rule));
        const b = patternOf(protect(tableOf(grid, true), rule));
        expect(b).toEqual(a);
        expect(patternOf(protect(tableOf(grid), rule))).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});

describe('disclosure control across groupings (one decision per position)', () => {
  const DIMS = [
    { name: 'kind', values: ['a', 'b', 'c'] },
    { name: 'jurisdiction', values: ['x', 'y', 'z', 'w'] },
    { name: 'ageBand', values: ['p', 'q'] },
    { name: 'municipality', values: ['m1', 'm2', 'm3'] },
  ];
  const itemsArb = fc.array(fc.tuple(...DIMS.map((d) => fc.constantFrom(...d.values))), { maxLength: 150 });
  const groupingArb = fc.subarray(
    DIMS.map((d) => d.name),
    { maxLength: 3 },
  );

  const publish = (items: string[][], groupBy: string[], k: number, municipality?: string) => {
    const rule = disclosureRule(k);
    const universe = suppressionUniverse(DIMS, items, 3, rule);
    const dims = groupBy.map((name) => {
      const dim = DIMS.find((d) => d.name === name)!;
      return name === 'municipality' && municipality ? { name, values: [municipality] } : dim;
    });
    const chosen = items.filter((item) => municipality === undefined || item[3] === municipality);
    const raw = tabulate(
      't',
      'count',
      dims,
      chosen.map((item) => ({ keys: groupBy.map((name) => item[DIMS.findIndex((d) => d.name === name)]), datum: 1 })),
      count,
    );
    return { raw, table: protect(raw, rule, { universe, ...(municipality ? { slice: { municipality } } : {}) }) };
  };
  const withSlice = (keys: Record<string, string>, municipality?: string) => canonicalKey(municipality ? { ...keys, municipality } : keys);

  it('property: a figure shared by two groupings (or a grouping and a municipality filter) has the same status in both, and no equation of either has one unknown', () => {
    fc.assert(
      fc.property(
        itemsArb,
        groupingArb,
        groupingArb,
        ks,
        fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: undefined }),
        (items, g1, g2, k, m) => {
          const a = publish(items, g1, k);
          const b = publish(items, g2, k, m);
          const statusA = new Map(
            [...a.table.cells, ...a.table.rowTotals, ...a.table.columnTotals, a.table.total].map((c) => [withSlice(c.keys), c.suppressed]),
          );
          for (const cell of [...b.table.cells, ...b.table.rowTotals, ...b.table.columnTotals, b.table.total]) {
            const key = withSlice(cell.keys, m);
            if (statusA.has(key)) expect([key, cell.suppressed]).toEqual([key, statusA.get(key)]);
          }
          for (const { raw, table } of [a, b]) {
            const status = new Map(
              [...table.cells, ...table.rowTotals, ...table.columnTotals, table.total].map((c) => [canonicalKey(c.keys), c]),
            );
            for (const { members, margin } of equationsOf(raw)) {
              const unknowns = [...members, margin].filter((e) => status.get(canonicalKey(e.keys))!.suppressed).length;
              expect(unknowns === 0 || unknowns >= 2).toBe(true);
            }
            for (const entry of [...raw.cells, ...raw.rowTotals, ...raw.columnTotals, raw.total]) {
              if (entry.value > 0 && entry.value < k) expect(status.get(canonicalKey(entry.keys))!.suppressed).toBe(true);
              if (entry.value === 0) expect(status.get(canonicalKey(entry.keys))!.suppressed).toBe(false);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

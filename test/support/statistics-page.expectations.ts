/**
 * What the statistics page must draw, worked out from the API's own answers (the same queries the
 * page sends): one bar per published figure above zero, none for a withheld or zero one.
 */
interface Cell {
  keys: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}
interface Table {
  name: string;
  columns: string[];
  cells: Cell[];
  columnTotals: Cell[];
  rowTotals: Cell[];
  total: Cell;
}
export interface Answer {
  tables: Table[];
}

const bars = (cells: readonly Cell[]) => cells.filter((c) => !c.suppressed && typeof c.value === 'number' && c.value > 0).length;
const table = (answer: Answer, suffix: string) => answer.tables.find((t) => t.name.endsWith(`.${suffix}`))!;

export const expectedMarks = {
  quarterByKind: (answer: Answer) => bars(answer.tables[0].cells),
  outcomes: (answer: Answer) => bars(answer.tables[0].cells),
  needs: (answer: Answer) =>
    ['people_with_open_need', 'free_places', 'places_opening_possible'].reduce(
      (sum, name) => sum + bars(table(answer, name).columnTotals),
      0,
    ),
  careers: (answer: Answer) => bars(table(answer, 'persons_by_pathways').cells) + bars(table(answer, 'persons_by_jurisdictions').cells),
};

/** Every `*` a table of the answer puts on the page: withheld cells and totals. */
export const suppressedFigures = (t: Table): number =>
  [...t.cells, ...t.rowTotals, ...t.columnTotals, t.total].filter((c) => c.suppressed).length;

/** A figure as the page writes it: `*` withheld, `–` none. */
const shown = (c: Cell): string => (c.suppressed ? '*' : c.value === null ? '–' : c.value.toLocaleString('de-DE'));

/**
 * The figures of one column of a table (its `dimension` = `value`) as the page shows them in a row
 * when it turns the table: the column's cell in every row of the API's table, then its total.
 */
export const transposedRow = (answer: Answer, suffix: string, dimension: string, value: string): string[] => {
  const t = table(answer, suffix);
  const column = t.columnTotals.findIndex((c) => c.keys[dimension] === value);
  return [...t.rowTotals.map((_, r) => t.cells[r * t.columns.length + column]), t.columnTotals[column]].map(shown);
};

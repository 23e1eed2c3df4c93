/** Plain-text table with aligned columns: numbers right, text left. */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export const renderTable = (columns: Column[], rows: string[][]): string => {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) => (columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
  ].join('\n');
};

/** 12345.6 → "12,346"; small values keep one decimal so 1-writer rates stay readable. */
export const formatRate = (n: number | undefined): string => {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
};

export const formatMs = (n: number | undefined): string => {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
};

import { describeRule, DisclosureRule } from './disclosure';
import { StatisticsResult } from './queries';
import { StatisticsCell, StatisticsTable } from './table';

/*
 * CSV as offices open it: RFC 4180 (CRLF line ends, fields quoted where they hold the delimiter,
 * a quote or a line break), UTF-8. The first lines state what the figures are: the statistics, the
 * log position, the period, the municipality and the disclosure rule; then each table with its
 * dimensions as the first columns and the totals last. A suppressed figure is `*`.
 *
 * The canonical form (comma, decimal point) is what a report's sha256 is taken over; semicolon and
 * decimal comma are for Excel with German settings.
 */

export interface CsvOptions {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

export const CANONICAL_CSV: CsvOptions = { delimiter: ',', decimal: '.' };

export interface CsvHeader {
  position: number;
  rule: DisclosureRule;
  parameters: object;
}

export const SUPPRESSED = '*';

const field = (value: string, delimiter: string): string =>
  value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

const describeParameters = (parameters: Record<string, unknown>): string =>
  Object.keys(parameters)
    .filter((name) => !['from', 'to', 'on', 'municipality'].includes(name) && parameters[name] !== undefined)
    .sort()
    .map((name) => {
      const value = parameters[name];
      return `${name}=${Array.isArray(value) ? value.join('+') : String(value)}`;
    })
    .join(' ');

export const toCsv = (result: StatisticsResult, header: CsvHeader, options: CsvOptions = CANONICAL_CSV): string => {
  const records: string[][] = [];
  const parameters = header.parameters as { from?: string; to?: string; on?: string; municipality?: string } & Record<string, unknown>;
  const number = (cell: StatisticsCell): string =>
    cell.suppressed ? SUPPRESSED : cell.value === null ? '' : String(cell.value).replace('.', options.decimal);
  records.push(['statistics', result.type]);
  records.push(['position', String(header.position)]);
  records.push(['period', parameters.from ?? parameters.on ?? '', parameters.to ?? parameters.on ?? '']);
  records.push(['municipality', parameters.municipality ?? 'all']);
  records.push(['parameters', describeParameters(parameters)]);
  records.push(['rule', describeRule(header.rule)]);
  for (const table of result.tables) {
    records.push([]);
    records.push(['table', table.name]);
    records.push(...tableRecords(table, number));
  }
  return records.map((record) => record.map((value) => field(value, options.delimiter)).join(options.delimiter) + '\r\n').join('');
};

const tableRecords = (table: StatisticsTable, number: (cell: StatisticsCell) => string): string[][] => {
  const records: string[][] = [];
  if (table.rowDimensions.length === 0) {
    records.push(['total', number(table.total)]);
    return records;
  }
  if (table.columnDimension === null) {
    const [dimension] = table.rowDimensions;
    records.push([dimension, 'value']);
    for (const cell of table.cells) records.push([cell.keys[dimension], number(cell)]);
    records.push(['total', number(table.total)]);
    return records;
  }
  const width = table.columns.length;
  const pad = table.rowDimensions.slice(1).map(() => '');
  records.push([...table.rowDimensions, ...table.columns, 'total']);
  table.rowTotals.forEach((rowTotal, r) => {
    const cells = table.cells.slice(r * width, (r + 1) * width);
    records.push([...table.rowDimensions.map((d) => rowTotal.keys[d]), ...cells.map(number), number(rowTotal)]);
  });
  records.push(['total', ...pad, ...table.columnTotals.map(number), number(table.total)]);
  return records;
};

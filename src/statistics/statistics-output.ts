import { CsvOptions, describeRule, DisclosureRule, StatisticsResult, toCsv } from '@lotse/domain';
import { StatisticsFormatQuery } from './statistics-query.dto';
import { StatisticsAnswer } from './statistics.response';
import type { HttpRequest, HttpResponse } from '../http';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** JSON unless `?format=csv`, or `Accept` asks for text/csv and not for JSON. */
export const wantsCsv = (req: HttpRequest, query: StatisticsFormatQuery): boolean => {
  if (query.format) return query.format === 'csv';
  const accept = req.headers.accept ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
};

export const csvOptionsOf = (query: StatisticsFormatQuery): CsvOptions => ({
  delimiter: query.delimiter === 'semicolon' ? ';' : ',',
  decimal: query.decimal === 'comma' ? ',' : '.',
});

export const statisticsAnswer = (
  result: StatisticsResult,
  parameters: object,
  position: number,
  rule: DisclosureRule,
): StatisticsAnswer => ({
  type: result.type,
  parameters: { ...parameters },
  position,
  rule: { ...rule, description: describeRule(rule) },
  tables: result.tables,
});

/** Writes the answer as CSV when asked for it (and returns it as text), else returns it for Nest to send as JSON. */
export const respond = (
  req: HttpRequest,
  res: HttpResponse,
  query: StatisticsFormatQuery,
  answer: StatisticsAnswer,
): StatisticsAnswer | string => {
  res.header('Vary', 'Accept');
  if (!wantsCsv(req, query)) return answer;
  res.type(CSV_CONTENT_TYPE);
  const rule = { minCell: answer.rule.minCell, minDenominator: answer.rule.minDenominator };
  return toCsv(
    { type: answer.type as StatisticsResult['type'], tables: answer.tables },
    { position: answer.position, rule, parameters: answer.parameters },
    csvOptionsOf(query),
  );
};

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportSummary } from './reports/report.response';
import { PATHWAY_MEASURES, STATISTICS_TYPES, StatisticsTable } from '@lotse/domain';

export class StatisticsCellView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { kind: 'coaching', jurisdiction: 'sgb2' } })
  keys!: Record<string, string>;

  @ApiProperty({ type: Number, nullable: true, example: 12, description: 'null when suppressed (or a rate without any case)' })
  value!: number | null;

  @ApiProperty({ description: 'true: withheld by the disclosure control; the CSV shows `*`' })
  suppressed!: boolean;
}

export class StatisticsTableView implements StatisticsTable {
  @ApiProperty({ example: 'pathways.started' })
  name!: string;

  @ApiProperty({
    enum: ['count', 'rate', 'public'],
    description: 'count: k rule and secondary suppression; rate: at least 10 cases; public: counts no person',
  })
  measure!: 'count' | 'rate' | 'public';

  @ApiProperty({ type: [String], example: ['kind'] })
  rowDimensions!: string[];

  @ApiProperty({ type: String, nullable: true, example: 'jurisdiction' })
  columnDimension!: string | null;

  @ApiProperty({ type: [String], description: 'the column dimension’s values, in order' })
  columns!: string[];

  @ApiProperty({ type: [StatisticsCellView], description: 'row by row, each row’s columns in order' })
  cells!: StatisticsCellView[];

  @ApiProperty({ type: [StatisticsCellView] })
  rowTotals!: StatisticsCellView[];

  @ApiProperty({ type: [StatisticsCellView] })
  columnTotals!: StatisticsCellView[];

  @ApiProperty({ type: StatisticsCellView })
  total!: StatisticsCellView;
}

export class DisclosureRuleView {
  @ApiProperty({ type: 'integer', example: 5, description: 'k: counts from 1 to k−1 are suppressed' })
  minCell!: number;

  @ApiProperty({ type: 'integer', example: 10, description: 'rates and medians need at least this many cases' })
  minDenominator!: number;

  @ApiProperty({ example: 'k=5: counts from 1 to 4 suppressed (*), …' })
  description!: string;
}

export class StatisticsAnswer {
  @ApiProperty({ enum: STATISTICS_TYPES })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { measure: PATHWAY_MEASURES[0], groupBy: ['kind'], from: '2026-01-01', to: '2026-12-31' },
    description: 'the query with every default resolved; a report stores exactly these',
  })
  parameters!: Record<string, unknown>;

  @ApiProperty({ type: 'integer', example: 4711, description: 'the log position the figures were computed at' })
  position!: number;

  @ApiProperty({ type: DisclosureRuleView })
  rule!: DisclosureRuleView;

  @ApiProperty({ type: [StatisticsTableView] })
  tables!: StatisticsTableView[];

  @ApiPropertyOptional({ description: 'a stored report only: its id' })
  reportId?: string;

  @ApiPropertyOptional({ type: ReportSummary, description: 'a stored report only: its summary' })
  report?: ReportSummary;
}

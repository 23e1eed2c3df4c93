import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATISTICS_TYPES, StoredReport } from '@lotse/domain';
import { StatisticsAnswer } from '../statistics.response';

/** What is stored of a report besides its figures. */
export class ReportSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: STATISTICS_TYPES })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the query with every default resolved' })
  parameters!: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'neuss', description: 'absent: all municipalities' })
  municipality?: string;

  @ApiProperty({ type: 'integer', description: 'the log position the figures were computed at' })
  position!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  definitionVersion!: number;

  @ApiProperty({ type: 'integer', example: 5, description: 'k of the disclosure control it was published under' })
  minCell!: number;

  @ApiProperty({ example: 'c0535e4b…', description: 'sha256 (hex) of the canonical CSV (comma, decimal point)' })
  sha256!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  storedAt!: string;
}

export const summaryOf = (report: StoredReport): ReportSummary => ({
  id: report.reportId,
  type: report.type,
  parameters: { ...report.parameters },
  ...(report.municipality === undefined ? {} : { municipality: report.municipality }),
  position: report.position,
  definitionVersion: report.definitionVersion,
  minCell: report.minCell,
  sha256: report.sha256,
  storedAt: report.storedAt,
});

export class StoreReportResult {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'the report stream’s version (0)' })
  version!: number;

  @ApiProperty({ type: 'integer', description: 'log position of the stored report: `minPosition` for GET /reports' })
  position!: number;

  @ApiProperty({ type: ReportSummary })
  report!: ReportSummary;
}

export class ReportPage {
  @ApiProperty({ type: [ReportSummary] })
  items!: ReportSummary[];

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: 'integer', description: 'the reports read model’s position' })
  position!: number;
}

export class ReproductionResult {
  @ApiProperty({ description: 'true: the replay of the log up to the report’s position gives the same CSV, byte for byte' })
  reproduced!: boolean;

  @ApiProperty({ description: 'sha256 of the canonical CSV computed by the replay' })
  sha256!: string;

  @ApiProperty({ description: 'sha256 stored with the report' })
  storedSha256!: string;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @ApiProperty({ type: 'integer', description: 'events read from the log' })
  eventsReplayed!: number;
}

/** A stored report's figures as a statistics answer, with what identifies the report. */
export class ReportAnswer extends StatisticsAnswer {
  @ApiProperty({ format: 'uuid' })
  reportId!: string;

  @ApiProperty({ type: ReportSummary })
  report!: ReportSummary;
}

import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError, reportDecider, reportStreamId, STATISTICS_DEFINITION_VERSION, StatisticsResult, toCsv } from '@lotse/domain';
import { AuthenticatedUser } from '../../auth';
import { CommandRunner, commandMetadata, newAggregateId, RequestContext } from '../../event-sourcing';
import { fieldErrorsOf } from '../../http';
import { sha256Of } from '../reports/report-hash';
import { StoreReportResult, summaryOf } from '../reports/report.response';
import { PARAMETERS_OF } from '../statistics-parameters';
import { StatisticsQueries } from '../statistics-queries.service';
import { StoreReportDto } from './store-report.dto';

export class StoreReportRequest {
  constructor(
    readonly user: AuthenticatedUser,
    readonly context: RequestContext,
    readonly body: StoreReportDto,
    readonly now: Date,
  ) {}
}

/** Output options belong to one download, not to the report. */
const NOT_PARAMETERS = ['format', 'delimiter', 'decimal', 'minPosition'];

/**
 * Freezes a statistics query at the read model's position: the figures, the resolved parameters,
 * the k they were protected with and the sha256 of their canonical CSV, in the report's own stream.
 */
@CommandHandler(StoreReportRequest)
export class StoreReportHandler implements ICommandHandler<StoreReportRequest, StoreReportResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly statistics: StatisticsQueries,
  ) {}

  async execute({ user, context, body, now }: StoreReportRequest): Promise<StoreReportResult> {
    const { query, resolve } = PARAMETERS_OF[body.type];
    const raw = body.parameters ?? {};
    const misplaced = Object.keys(raw).filter((name) => NOT_PARAMETERS.includes(name));
    const validated = plainToInstance(query, raw);
    const problems = [
      ...misplaced.map((name) => ({ field: `parameters.${name}`, message: `${name} is an option of a download, not a report parameter` })),
      ...fieldErrorsOf(
        validateSync(validated, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }),
        'parameters',
      ),
    ];
    if (problems.length > 0)
      throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
    const parameters = resolve(user, validated as never, now);
    const answer = await this.statistics.answer(body.type, parameters);
    const rule = this.statistics.rule;
    const result: StatisticsResult = { type: body.type, tables: answer.tables };
    const sha256 = sha256Of(toCsv(result, { position: answer.position, rule, parameters }));
    const reportId = newAggregateId(context, 'report');
    const municipality = parameters.municipality;
    const data = {
      reportId,
      type: body.type,
      parameters,
      ...(municipality === undefined ? {} : { municipality }),
      position: answer.position,
      definitionVersion: STATISTICS_DEFINITION_VERSION,
      minCell: rule.minCell,
      sha256,
      result,
    };
    const written = await this.runner.run({
      streamId: reportStreamId(reportId),
      decider: reportDecider,
      context,
      command: { type: 'StoreReport', metadata: commandMetadata(context), data },
    });
    const stored = written.events[0].data;
    return { id: reportId, version: written.version, position: written.position, report: summaryOf(stored) };
  }
}

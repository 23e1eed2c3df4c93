import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { GuardRule, JURISDICTIONS, PATHWAY_KINDS } from '@lotse/domain';

const GUARD_RULE_NAMES = ['R1', 'R2', 'R3', 'R4'] as const satisfies readonly GuardRule[];

/*
 * For the OpenAPI document only: the filter builds the body (problem.ts). Every property is
 * decorated explicitly because Swagger's CLI plugin does not run (tests compile with SWC).
 * The extension members are every one a refusal may add; the document builder narrows `code`
 * per operation and status.
 */

@ApiSchema({ name: 'FieldError', description: 'One invalid input: a dotted path into the body, or a header name.' })
export class FieldErrorSchema {
  @ApiProperty({
    example: 'plannedEnd',
    description: 'a dotted path into the body or query, a header name, or `` for the request as a whole',
  })
  field: string;

  @ApiProperty({ example: 'plannedEnd must be a calendar date as YYYY-MM-DD between 1900 and 2200' })
  message: string;
}

@ApiSchema({ name: 'Period', description: 'A span of days; without `to`, open-ended.' })
export class PeriodSchema {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01' }) from: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-08-31' }) to?: string;
}

@ApiSchema({
  name: 'ConflictingPeriod',
  description: 'The pathway a guard refusal conflicts with: its kind, jurisdiction and period, never its id.',
})
export class ConflictingPeriodSchema {
  @ApiProperty({ enum: PATHWAY_KINDS }) kind: string;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01' }) from: string;
  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-08-31' }) to?: string;
}

@ApiSchema({ name: 'AgeRange', description: 'The ages an eligibility rule admits on the planned start.' })
export class AgeRangeSchema {
  @ApiPropertyOptional({ type: 'integer', example: 18 }) min?: number;
  @ApiPropertyOptional({ type: 'integer', example: 27 }) max?: number;
}

@ApiSchema({
  name: 'Problem',
  description:
    'Every error, as RFC 9457 problem details (`application/problem+json`). `code` is stable; ' +
    'refusals may add the members below, e.g. the conflicting pathway’s kind, jurisdiction and period.',
})
export class ProblemSchema {
  @ApiProperty({ example: 'tag:lotse,2026:problem:duplicate_pathway', description: 'a `tag:` URI, one per code' })
  type: string;

  @ApiProperty({ example: 'Duplicate pathway' })
  title: string;

  @ApiProperty({ type: 'integer', example: 409 })
  status: number;

  @ApiProperty({ example: 'duplicate_pathway', description: 'Stable, snake_case; the same in the API, the events and the statistics.' })
  code: string;

  @ApiProperty({ example: 'the participant already has an active coaching pathway under sgb2' })
  detail: string;

  @ApiProperty({ example: '/pathways', description: 'the path of the request, without its query' })
  instance: string;

  @ApiPropertyOptional({
    example: '3f2c1e7a-9b1d-4c3e-8f00-123456789abc',
    description: 'The X-Request-Id of the request; quote it in a bug report.',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'On every 400: what is wrong, field by field.' })
  errors?: FieldErrorSchema[];

  @ApiPropertyOptional({ type: 'integer', example: 4, description: '412 `version_conflict`: the version the resource is at now.' })
  actual?: number;

  @ApiPropertyOptional({ type: 'integer', example: 2, description: '429 and 503: seconds to wait, as in `Retry-After`.' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 41,
    description: '503 `read_model_behind`: the log position the read model has reached (it was asked for `minPosition`).',
  })
  position?: number;

  @ApiPropertyOptional({ enum: GUARD_RULE_NAMES, description: 'A guard refusal (409): the rule that refused.' })
  rule?: string;

  @ApiPropertyOptional({ example: 'nrw-2026.2', description: 'A guard refusal (409): the eligibility table it was decided by.' })
  eligibilityVersion?: string;

  @ApiPropertyOptional({ type: ConflictingPeriodSchema, description: 'A guard refusal by R1, R2 or R3: the pathway it conflicts with.' })
  conflicting?: ConflictingPeriodSchema;

  @ApiPropertyOptional({ type: AgeRangeSchema, description: 'A guard refusal by R4 for the age on the planned start: the ages admitted.' })
  ages?: AgeRangeSchema;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', description: '409 `ledger_closed`: the registration this one was merged into.' })
  mergedInto?: string;

  @ApiPropertyOptional({ type: PeriodSchema, description: '409 `offer_closed`: the period the offer is open in.' })
  period?: PeriodSchema;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: '409 `offer_closed`: the day the offer closed.' })
  closedOn?: string;

  @ApiPropertyOptional({ type: 'integer', description: '409 `offer_full`: the places the offer has.' })
  places?: number;

  @ApiPropertyOptional({ type: 'integer', description: '409 `offer_full`: the places taken.' })
  occupied?: number;
}

import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/*
 * For the OpenAPI document only: the filter builds the body (problem.ts). Every property is
 * decorated explicitly because Swagger's CLI plugin does not run (tests compile with SWC).
 */

@ApiSchema({ name: 'FieldError', description: 'One invalid input: a dotted path into the body, or a header name.' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'plannedEnd' })
  field: string;

  @ApiProperty({ example: 'plannedEnd must be a calendar date as YYYY-MM-DD between 1900 and 2200' })
  message: string;
}

@ApiSchema({
  name: 'Problem',
  description:
    'Every error, as RFC 9457 problem details (`application/problem+json`). `code` is stable; ' +
    "refusals may add members, e.g. the conflicting pathway's kind, jurisdiction and period.",
})
export class ProblemSchema {
  @ApiProperty({ example: 'tag:lotse,2026:problem:duplicate_pathway' })
  type: string;

  @ApiProperty({ example: 'Duplicate pathway' })
  title: string;

  @ApiProperty({ example: 409 })
  status: number;

  @ApiProperty({ example: 'duplicate_pathway', description: 'Stable, snake_case; the same in the API, the events and the statistics.' })
  code: string;

  @ApiProperty({ example: 'the participant already has an active coaching pathway under sgb2' })
  detail: string;

  @ApiProperty({ example: '/pathways' })
  instance: string;

  @ApiPropertyOptional({
    example: '3f2c1e7a-9b1d-4c3e-8f00-123456789abc',
    description: 'The X-Request-Id of the request; quote it in a bug report.',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'With `validation_failed`: what is wrong, field by field.' })
  errors?: FieldErrorSchema[];
}

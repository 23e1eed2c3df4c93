import { applyDecorators } from '@nestjs/common';
import { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiProblemResponse } from '../http';
import { StatisticsAnswer } from './statistics.response';

/** The answers of every statistics read: the figures as JSON or CSV, and the refusals they share. */
export const ApiStatisticsResponses = (description: string, model: Type<unknown> = StatisticsAnswer): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv'),
    ApiResponse({
      status: 200,
      description: `${description}. CSV (\`?format=csv\` or \`Accept: text/csv\`): RFC 4180, UTF-8, suppressed figures as \`*\`, first lines position, period, municipality and rule`,
      headers: { Vary: { description: 'Accept: JSON or CSV by the Accept header', schema: { type: 'string' } } },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
    ApiProblemResponse(400, 'validation_failed: a parameter is unknown or invalid (errors[] names it)'),
    ApiProblemResponse(401, 'unauthenticated: no valid token'),
    ApiProblemResponse(403, 'forbidden: not a coordinator, analyst or admin, or a coordinator asking for another municipality'),
    ApiProblemResponse(503, 'read_model_behind: the statistics have not reached minPosition yet (Retry-After)'),
  );

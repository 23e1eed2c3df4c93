import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { ProblemSchema } from './problem.schema';

/**
 * Documents one error a route answers, e.g. `@ApiProblemResponse(409, 'duplicate_pathway: …')`.
 * Every operation already lists a `default` problem response; this names the likely ones.
 */
export const ApiProblemResponse = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status,
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) } } },
  });

import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@lotse/domain';

/**
 * `@Param(name, ParseUUIDPipe)` whose refusal names the parameter like any other invalid input
 * (`errors: [{ field: 'id', message }]`); Nest's own says only "uuid is expected".
 */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => {
        const message = 'must be a UUID';
        return new DomainError('validation_failed', `${name}: ${message}`, { errors: [{ field: name, message }] });
      },
    }),
  );
